import { hashSessionToken, IDENTITY_HEADER, sessionCacheKey, sessionChangedKey, type Cache, type IdentitySigner, type Role, type UserIdentity } from '@studbook/platform';
import { InFlight } from '../subgraph-fetch/in-flight.js';
import { SubgraphClient } from '../subgraph-fetch/subgraph-client.js';

/** Resolved sessions are cached this long; signOut also deletes the entry, so revocation is immediate where the cache is shared. */
export const SESSION_CACHE_TTL_MS = 1_000;

const SESSION_QUERY = /* GraphQL */ `
  query GatewaySession($token: String!) {
    sessionIdentity(token: $token) { userId organizationId role }
  }
`;

/**
 * Turns a bearer token into the caller's identity by asking the user subgraph (which owns
 * sessions) as the gateway service, with a short-lived cache in front. Concurrent requests with
 * one token share one lookup (cache read included) instead of each asking the user subgraph.
 */
export class SessionResolver {
  private readonly userSubgraph: SubgraphClient;
  private readonly lookups = new InFlight<UserIdentity | null>();

  constructor(
    userSubgraphUrl: string,
    private readonly identitySigner: IdentitySigner,
    private readonly cache: Cache,
  ) {
    this.userSubgraph = new SubgraphClient(userSubgraphUrl, 5_000);
  }

  /** `hash` is hashSessionToken(token), when the caller has it already. */
  async resolve(token: string, hash = hashSessionToken(token)): Promise<UserIdentity | null> {
    const { result, joined } = this.lookups.run(hash, () => this.lookUp(token, hash));
    const identity = await result;
    // A request that joined a lookup already under way may have arrived after a sign-out that the
    // lookup could not see; the marker the user subgraph set then says so, and this one asks afresh.
    if (joined && identity && (await this.cache.get(sessionChangedKey(hash)))) return this.fetchIdentity(token);
    return identity;
  }

  close(): Promise<void> {
    return this.userSubgraph.close();
  }

  private async lookUp(token: string, hash: string): Promise<UserIdentity | null> {
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
    const serviceToken = await this.identitySigner.sign({ kind: 'service', service: 'gateway' });
    const reply = await this.userSubgraph.post(JSON.stringify({ query: SESSION_QUERY, variables: { token } }), { [IDENTITY_HEADER]: serviceToken }, true);
    const body = (reply.contentType.startsWith('application/json') ? JSON.parse(reply.text) : {}) as {
      data?: { sessionIdentity: { userId: string; organizationId: string; role: Role } | null };
    };
    if (reply.status !== 200 || !body.data) throw new Error(`session lookup failed with HTTP ${reply.status}`);
    const session = body.data.sessionIdentity;
    return session ? { kind: 'user', ...session } : null;
  }
}
