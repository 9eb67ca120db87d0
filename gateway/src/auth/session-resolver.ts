import { hashSessionToken, IDENTITY_HEADER, sessionCacheKey, sessionChangedKey, type Cache, type IdentitySigner, type Role, type UserIdentity } from '@studbook/platform';

/** Resolved sessions are cached this long; signOut also deletes the entry, so revocation is immediate where the cache is shared. */
export const SESSION_CACHE_TTL_MS = 1_000;

const SESSION_QUERY = /* GraphQL */ `
  query GatewaySession($token: String!) {
    sessionIdentity(token: $token) { userId organizationId role }
  }
`;

/**
 * Turns a bearer token into the caller's identity by asking the user subgraph (which owns
 * sessions) as the gateway service, with a short-lived cache in front.
 */
export class SessionResolver {
  constructor(
    private readonly userSubgraphUrl: string,
    private readonly identitySigner: IdentitySigner,
    private readonly cache: Cache,
  ) {}

  async resolve(token: string): Promise<UserIdentity | null> {
    const hash = hashSessionToken(token);
    const cached = await this.cache.get(sessionCacheKey(hash));
    if (cached) return JSON.parse(cached) as UserIdentity;
    const identity = await this.fetchIdentity(token);
    if (identity) await this.cacheUnlessChanged(hash, identity);
    return identity;
  }

  /**
   * Caches a resolution unless the session ended or changed recently: the user subgraph then sets
   * a marker before deleting the entry, so a lookup that started before the change must not put
   * its answer back. Checking again after the write closes the gap between check and write.
   */
  private async cacheUnlessChanged(hash: string, identity: UserIdentity): Promise<void> {
    const changed = sessionChangedKey(hash);
    if (await this.cache.get(changed)) return;
    await this.cache.set(sessionCacheKey(hash), JSON.stringify(identity), SESSION_CACHE_TTL_MS);
    if (await this.cache.get(changed)) await this.cache.delete(sessionCacheKey(hash));
  }

  private async fetchIdentity(token: string): Promise<UserIdentity | null> {
    const response = await fetch(this.userSubgraphUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: await this.identitySigner.sign({ kind: 'service', service: 'gateway' }),
      },
      body: JSON.stringify({ query: SESSION_QUERY, variables: { token } }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await response.json()) as { data?: { sessionIdentity: { userId: string; organizationId: string; role: Role } | null } };
    if (!response.ok || !body.data) throw new Error(`session lookup failed with HTTP ${response.status}`);
    const session = body.data.sessionIdentity;
    return session ? { kind: 'user', ...session } : null;
  }
}
