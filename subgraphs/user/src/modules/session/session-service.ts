import { randomUUID } from 'node:crypto';
import { forbidden, hashSessionToken, newSessionToken, requireUser, unauthenticated, validId, type Cache, type Identity } from '@studbook/platform';
import type { SessionIdentity } from '../../__generated__/resolvers-types.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { getMembershipConsistent } from '../organization/organization-reads.js';
import { forgetResolvedSessions } from './session-cache.js';
import { deleteSession, getSession, getSessions, listSessionsOfUser, putSession, rescopeSession, touchSession, type SessionItem } from './session-store.js';

export const DEFAULT_SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
/** lastSeenAt is written at most this often per session: activity, not a write per request. */
export const LAST_SEEN_INTERVAL_MS = 60_000;
/** Signing in beyond this many live sessions ends the oldest: mySessions and sign-out-everywhere stay bounded. */
export const MAX_SESSIONS_PER_USER = 100;

// Tokens we issue are 43 characters; anything far longer is not ours and not worth hashing.
const MAX_TOKEN_LENGTH = 512;

/** What the gateway saw of the client (never a client-supplied forwarding header unless configured). */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface SessionServiceDeps {
  table: UserTable;
  cache: Cache;
  identity: Identity;
  /** SHA-256 of the caller's bearer token, as forwarded by the gateway; null when absent. */
  sessionHash: string | null;
  client: ClientInfo;
  ttlSeconds: number;
}

/** Per-request session rules: issuing, resolving (gateway only), listing and ending sessions. */
export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  get currentSessionHash(): string | null {
    return this.deps.sessionHash;
  }

  /** Starts a session; the raw token is returned once and never stored. */
  async create(userId: string, organizationId: string): Promise<string> {
    const token = newSessionToken();
    const now = Date.now();
    const expiresAtMs = now + this.deps.ttlSeconds * 1000;
    await putSession(this.deps.table, {
      id: randomUUID(),
      tokenHash: hashSessionToken(token),
      userId,
      organizationId,
      createdAt: new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      expiresAt: new Date(expiresAtMs).toISOString(),
      ttl: Math.floor(expiresAtMs / 1000),
      userAgent: this.deps.client.userAgent,
      ip: this.deps.client.ip,
    });
    await this.pruneSessionsOf(userId, hashSessionToken(token));
    return token;
  }

  /** Ends the user's expired sessions and the oldest live ones beyond MAX_SESSIONS_PER_USER, never `keep`. */
  private async pruneSessionsOf(userId: string, keep: string): Promise<void> {
    const sessions = await listSessionsOfUser(this.deps.table, userId);
    if (sessions.length < MAX_SESSIONS_PER_USER) return;
    const others = sessions.filter((s) => s.tokenHash !== keep);
    const live = others.filter((s) => isLive(s)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const ended = [...others.filter((s) => !isLive(s)), ...live.slice(MAX_SESSIONS_PER_USER - 1)];
    await this.revokeAll(userId, ended);
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
    if (!session || !isLive(session)) return null;
    const { userId, organizationId } = session;
    // Strongly consistent: the role forwarded to every subgraph must be the one just written.
    const membership = await getMembershipConsistent(this.deps.table, organizationId, userId);
    if (!membership) return null;
    const now = new Date();
    if (now.getTime() - Date.parse(session.lastSeenAt) >= LAST_SEEN_INTERVAL_MS) {
      await touchSession(this.deps.table, session.tokenHash, now, LAST_SEEN_INTERVAL_MS);
    }
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
    await forgetResolvedSessions(this.deps.cache, [sessionHash]);
    return true;
  }

  /** The caller's live sessions, newest first. */
  async mine(): Promise<SessionItem[]> {
    const user = requireUser(this.deps.identity);
    const listed = await listSessionsOfUser(this.deps.table, user.userId);
    // GSI1 lags behind writes: the sessions are read again from the table (consistent BatchGetItem,
    // 100 a call; sign-in keeps them near 100), so one just revoked or expired is never shown as live.
    const sessions = await getSessions(
      this.deps.table,
      listed.map((s) => s.tokenHash),
    );
    return sessions.filter((s) => isLive(s)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async revoke(sessionId: string): Promise<boolean> {
    const user = requireUser(this.deps.identity);
    const [session] = await listSessionsOfUser(this.deps.table, user.userId, validId(sessionId, 'id'));
    if (!session) return false;
    await this.revokeAll(user.userId, [session]);
    return true;
  }

  /** Ends every session of the caller, the current one included. */
  async endEverywhere(): Promise<number> {
    const user = requireUser(this.deps.identity);
    const sessions = await listSessionsOfUser(this.deps.table, user.userId);
    if (this.deps.sessionHash && !sessions.some((s) => s.tokenHash === this.deps.sessionHash)) {
      // GSI1 is eventually consistent: make sure the session asking is among them.
      const current = await getSession(this.deps.table, this.deps.sessionHash);
      if (current?.userId === user.userId) sessions.push(current);
    }
    await this.revokeAll(user.userId, sessions);
    return sessions.filter(isLive).length;
  }

  /** Ends a user's sessions scoped to one organisation (they were removed from it or left it). */
  async endScopedTo(userId: string, organizationId: string): Promise<void> {
    const sessions = await listSessionsOfUser(this.deps.table, userId);
    await this.revokeAll(
      userId,
      sessions.filter((s) => s.organizationId === organizationId),
    );
  }

  /** Makes the gateways resolve a user's sessions in one organisation afresh (their role there changed). */
  async forgetScopedTo(userId: string, organizationId: string): Promise<void> {
    const sessions = await listSessionsOfUser(this.deps.table, userId);
    await forgetResolvedSessions(
      this.deps.cache,
      sessions.filter((s) => s.organizationId === organizationId).map((s) => s.tokenHash),
    );
  }

  /** Points the current session at another organisation; the gateway re-resolves it on the next request. */
  async rescopeCurrent(organizationId: string): Promise<void> {
    const user = requireUser(this.deps.identity);
    const { sessionHash } = this.deps;
    if (!sessionHash) throw unauthenticated('No session to switch');
    if (!(await rescopeSession(this.deps.table, sessionHash, user.userId, organizationId))) throw unauthenticated('Session expired or signed out');
    await forgetResolvedSessions(this.deps.cache, [sessionHash]);
  }

  private async revokeAll(userId: string, sessions: SessionItem[]): Promise<void> {
    await Promise.all(sessions.map((s) => deleteSession(this.deps.table, s.tokenHash, userId)));
    await forgetResolvedSessions(
      this.deps.cache,
      sessions.map((s) => s.tokenHash),
    );
  }
}

/** DynamoDB deletes expired items lazily (hours to days later), so expiry is enforced on read. */
export function isLive(session: SessionItem, nowMs = Date.now()): boolean {
  return Date.parse(session.expiresAt) > nowMs && session.ttl * 1000 > nowMs;
}
