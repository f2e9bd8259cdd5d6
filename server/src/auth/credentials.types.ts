import { Field, ID, ObjectType } from 'type-graphql';
import type { ApiScope } from '../access';
import { ApiScopeEnum } from './api-scope.enum';
import { LAST_USED_GRANULARITY_MS } from './api-keys';
import { DateTimeScalar } from '../graphql';

@ObjectType({ description: 'A new account API key. The secret is shown this once; only its hash is stored.' })
export class CreatedApiKey {
  @Field(() => ID, { description: 'The key id (also embedded in the secret), for revoking it.' })
  id!: string;

  @Field(() => String, { description: 'The secret to send as "Authorization: Bearer <secret>". Starts with clk_key_.' })
  secret!: string;

  @Field(() => [ApiScopeEnum], { description: 'What the key may do in its account.' })
  scopes!: ApiScope[];
}

@ObjectType({ description: 'A short-lived, read-only token for the widget in a browser.' })
export class EmbedToken {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' })
  token!: string;

  @Field(() => DateTimeScalar, { description: 'When the token stops working.' })
  expiresAt!: Date;
}

@ObjectType({ description: 'An API key that no longer authenticates anything.' })
export class RevokedApiKey {
  @Field(() => ID, { description: 'The key id, as returned by createApiKey.' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When the key was revoked (the first time, if revoked more than once).' })
  revokedAt!: Date;
}

@ObjectType({ description: 'An account API key as stored (its secret is never shown again).' })
export class ApiKey {
  @Field(() => ID, { description: 'The key id (also the part after clk_key_ in the secret).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'What the key is for, as given to createApiKey.' })
  label!: string | null;

  @Field(() => [ApiScopeEnum], { description: 'What the key may do in its account.' })
  scopes!: ApiScope[];

  @Field(() => DateTimeScalar, { description: 'When the key was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: `When the key last authenticated a request, to within ${LAST_USED_GRANULARITY_MS / 1000} s: a use is written at most once per ${LAST_USED_GRANULARITY_MS / 1000} s per key, so this may be up to that much older than the latest use. Null when never used.`,
  })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key stops authenticating (UNAUTHENTICATED from then on); null: never.' })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was revoked; null while it is not.' })
  revokedAt!: Date | null;
}
