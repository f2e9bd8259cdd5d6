import { Field, ID, ObjectType } from 'type-graphql';
import { ApiScope } from '../graphql/enums';
import { DateTimeScalar } from '../graphql/scalars';

@ObjectType({ description: 'A new account API key. The secret is shown this once; only its hash is stored.' })
export class CreatedApiKey {
  @Field(() => ID, { description: 'The key id (also embedded in the secret), for revoking it.' })
  id!: string;

  @Field(() => String, { description: 'The secret to send as "Authorization: Bearer <secret>". Starts with clk_key_.' })
  secret!: string;

  @Field(() => [ApiScope], { description: 'What the key may do in its account.' })
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
