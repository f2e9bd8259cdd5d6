/** Minting and revoking credentials (admin key only), and the account's list of API keys. */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { assertAdmin, type ApiScope } from '../access';
import { Account } from '../catalog';
import { checkText, InvalidInputError, MAX_NAME_LENGTH } from '../errors';
import { DateTimeScalar } from '../graphql';
import { ApiScopeEnum } from './api-scope.enum';
import { mintApiKey } from './api-keys';
import type { AuthContext as Context } from './auth.context';
import { toApiKey } from './credentials.mapping';
import { ApiKey, CreatedApiKey, EmbedToken, RevokedApiKey } from './credentials.types';
import { DEFAULT_EMBED_TTL_SECONDS, MAX_EMBED_TTL_SECONDS } from './embed-tokens';

@Resolver()
export class CredentialsResolver {
  @Mutation(() => CreatedApiKey, { description: 'Mint an API key for one account (admin key only), optionally labelled and expiring. The secret is returned once.' })
  async createApiKey(
    @Arg('accountId', () => ID, { description: 'The account the key acts for.' }) accountId: string,
    @Arg('scopes', () => [ApiScopeEnum], { description: 'At least one scope.' }) scopes: ApiScope[],
    @Arg('label', () => String, { nullable: true, description: `What the key is for (e.g. "Acme chargeback report"), shown in Account.apiKeys; at most ${MAX_NAME_LENGTH} characters.` })
    label: string | null | undefined,
    @Arg('expiresAt', () => DateTimeScalar, { nullable: true, description: 'When the key stops authenticating; must be in the future. Left out, it never expires.' })
    expiresAt: Date | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<CreatedApiKey> {
    assertAdmin(ctx.principal, 'createApiKey');
    if (scopes.length === 0) throw InvalidInputError.of('scopes', 'name at least one scope (USAGE_READ, USAGE_WRITE)');
    const checkedLabel = label === null || label === undefined ? null : checkText(label, 'label', MAX_NAME_LENGTH);
    if (expiresAt && expiresAt.getTime() <= ctx.now.getTime()) {
      throw InvalidInputError.of('expiresAt', `must be in the future, got ${expiresAt.toISOString()} (now is ${ctx.now.toISOString()})`);
    }
    await requireAccount(ctx, accountId);
    const uniqueScopes = [...new Set(scopes)];
    const key = mintApiKey();
    await ctx.services.apiKeys.insert(
      { accountId, keyId: key.keyId, secretHash: key.secretHash, scopes: uniqueScopes, label: checkedLabel, expiresAt },
      ctx.now,
    );
    return { id: key.keyId, secret: key.secret, scopes: uniqueScopes };
  }

  @Mutation(() => RevokedApiKey, {
    description: 'Revoke an API key (admin key only): from the next request on it is UNAUTHENTICATED. Revoking a revoked key changes nothing.',
  })
  async revokeApiKey(@Arg('id', () => ID, { description: 'The key id (CreatedApiKey.id, also the part after clk_key_ in the secret).' }) id: string, @Ctx() ctx: Context): Promise<RevokedApiKey> {
    assertAdmin(ctx.principal, 'revokeApiKey');
    const key = await ctx.services.apiKeys.findByKeyId(id);
    if (!key) throw InvalidInputError.of('id', `unknown API key "${id}"`);
    return { id: key.keyId, revokedAt: await ctx.services.apiKeys.revoke(key.accountId, key.keyId, ctx.now) };
  }

  @Mutation(() => EmbedToken, {
    description: `Mint a read-only embed token for the widget (admin key only): one account, optionally only some workspaces; default lifetime ${DEFAULT_EMBED_TTL_SECONDS} s, at most ${MAX_EMBED_TTL_SECONDS} s.`,
  })
  async createEmbedToken(
    @Arg('accountId', () => ID, { description: 'The account the token reads.' }) accountId: string,
    @Arg('workspaceIds', () => [ID], { nullable: true, description: 'Only these workspaces (a client portal); left out, the whole account.' })
    workspaceIds: string[] | null,
    @Arg('ttlSeconds', () => Int, { nullable: true, description: `Lifetime in seconds, 1 to ${MAX_EMBED_TTL_SECONDS}; default ${DEFAULT_EMBED_TTL_SECONDS}.` })
    ttlSeconds: number | null,
    @Ctx() ctx: Context,
  ): Promise<EmbedToken> {
    assertAdmin(ctx.principal, 'createEmbedToken');
    const ttl = ttlSeconds ?? DEFAULT_EMBED_TTL_SECONDS;
    if (ttl < 1 || ttl > MAX_EMBED_TTL_SECONDS) {
      throw InvalidInputError.of('ttlSeconds', `must be from 1 to ${MAX_EMBED_TTL_SECONDS} (24 hours), got ${ttl}`);
    }
    await requireAccount(ctx, accountId);
    if (workspaceIds) {
      if (workspaceIds.length === 0) throw InvalidInputError.of('workspaceIds', 'name at least one workspace, or leave it out for the whole account');
      const found = await ctx.services.catalog.findWorkspaces(workspaceIds);
      const ofAccount = new Set(found.filter((w) => w.accountId === accountId).map((w) => w.id));
      const missing = workspaceIds.filter((id) => !ofAccount.has(id));
      if (missing.length > 0) {
        throw InvalidInputError.of('workspaceIds', `unknown workspaces in account "${accountId}": ${missing.map((id) => `"${id}"`).join(', ')}`);
      }
    }
    // JWT expiry has whole seconds: round down so the answer tells the truth.
    const expiresAt = new Date(Math.floor(ctx.now.getTime() / 1000) * 1000 + ttl * 1000);
    const token = await ctx.services.embedKeys.sign({ accountId, workspaceIds: workspaceIds ? [...new Set(workspaceIds)] : null, expiresAt }, ctx.now);
    return { token, expiresAt };
  }
}

@Resolver(() => Account)
export class AccountApiKeysResolver {
  @FieldResolver(() => [ApiKey], { description: "The account's API keys, revoked and expired ones included, oldest first (admin key only). Secrets are never shown again." })
  async apiKeys(@Root() account: Account, @Ctx() ctx: Context): Promise<ApiKey[]> {
    assertAdmin(ctx.principal, 'apiKeys');
    return (await ctx.services.apiKeys.listForAccount(account.id)).map(toApiKey);
  }
}

async function requireAccount(ctx: Context, accountId: string): Promise<void> {
  if (!(await ctx.services.catalog.findAccount(accountId))) {
    throw InvalidInputError.of('accountId', `unknown account "${accountId}": upsert it first`);
  }
}
