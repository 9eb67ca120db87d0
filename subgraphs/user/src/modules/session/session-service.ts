import { forbidden, hashSessionToken, newSessionToken, requireUser, sessionCacheKey, unauthenticated, type Cache, type Identity } from '@studbook/platform';
import type { UserTable } from '../../dynamo/user-table.js';
import type { Loaders } from '../../loaders.js';
import type { SessionIdentity } from '../../__generated__/resolvers-types.js';
import { deleteSession, getSession, putSession } from './session-store.js';

export const DEFAULT_SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

// Tokens we issue are 43 characters; anything far longer is not ours and not worth hashing.
const MAX_TOKEN_LENGTH = 512;

export interface SessionServiceDeps {
  table: UserTable;
  cache: Cache;
  loaders: Loaders;
  identity: Identity;
  /** SHA-256 of the caller's bearer token, as forwarded by the gateway; null when absent. */
  sessionHash: string | null;
  ttlSeconds: number;
}

/** Per-request session rules: issuing, resolving (gateway only) and ending sessions. */
export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  /** Starts a session; the raw token is returned once and never stored. */
  async create(userId: string, organizationId: string): Promise<string> {
    const token = newSessionToken();
    const now = Date.now();
    const expiresAtMs = now + this.deps.ttlSeconds * 1000;
    await putSession(this.deps.table, {
      tokenHash: hashSessionToken(token),
      userId,
      organizationId,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(expiresAtMs).toISOString(),
      ttl: Math.floor(expiresAtMs / 1000),
    });
    return token;
  }

  /**
   * The gateway's bearer-token check. Only the gateway may ask: anyone else could use it to
   * test stolen tokens. Null for an unknown, expired or orphaned session.
   */
  async identify(token: string): Promise<SessionIdentity | null> {
    const caller = this.deps.identity;
    if (caller.kind !== 'service' || caller.service !== 'gateway') throw forbidden('Only the gateway may resolve sessions');
    if (!token || token.length > MAX_TOKEN_LENGTH) return null;
    const session = await getSession(this.deps.table, hashSessionToken(token));
    // DynamoDB deletes expired items lazily (hours to days later), so expiry is enforced here.
    if (!session || !(Date.parse(session.expiresAt) > Date.now()) || session.ttl * 1000 <= Date.now()) return null;
    const { userId, organizationId } = session;
    const membership = await this.deps.loaders.memberships.load({ organizationId, userId });
    if (!membership) return null;
    return { userId, organizationId, role: membership.role };
  }

  /**
   * Ends the caller's current session. The identity token proves who is asking; the forwarded
   * session hash says which session, and is honoured only if that session is theirs.
   */
  async end(): Promise<boolean> {
    const user = requireUser(this.deps.identity);
    const { sessionHash } = this.deps;
    if (!sessionHash) throw unauthenticated('No session to end');
    if ((await deleteSession(this.deps.table, sessionHash, user.userId)) === 'not-owner') {
      throw forbidden('This session belongs to someone else');
    }
    // Dropping the gateway's cached resolution is what makes the token stop working at once
    // rather than when the cache entry expires.
    await this.deps.cache.delete(sessionCacheKey(sessionHash));
    return true;
  }
}
