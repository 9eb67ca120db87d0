import type { UserIdentity } from '@studbook/platform';

/** Resolves a bearer token to the identity it stands for now (null: signed out or expired). */
export type SessionCheck = (authorization: string) => Promise<UserIdentity | null>;

interface Watcher {
  /** The identity the connection was accepted with; its operations and deliveries run as it. */
  identity: UserIdentity;
  revoke: () => void;
}

interface WatchedSession {
  authorization: string;
  watchers: Set<Watcher>;
  /** The identity the token resolved to at the last successful check. */
  current: UserIdentity;
  checkedAt: number;
  /** Checks in a row that got no answer (the user subgraph down or timing out). */
  failures: number;
  checking?: Promise<UserIdentity | null>;
}

/** A token that cannot be verified this many checks in a row is treated as revoked. */
const MAX_FAILED_CHECKS = 3;

/** The same user in the same organisation with the same role: what every read and write is authorised by. */
export function sameIdentity(a: UserIdentity, b: UserIdentity): boolean {
  return a.userId === b.userId && a.organizationId === b.organizationId && a.role === b.role;
}

/**
 * Re-checks the session token of every open connection at an interval, once per distinct token
 * however many connections share it, and closes the connections of a token that was signed out or
 * expired, or that now stands for another organisation or role (a switch, a demotion, a removal)
 * than the one the connection was accepted with. Deliveries and socket operations ask
 * `ensureValid` first: it answers at once while the periodic checks keep succeeding, and re-checks
 * inline only when they have stalled (the user subgraph slow or down), so an operation never waits
 * on the routine check and never runs on a long-unverified or stale identity: three failed checks
 * in a row close the token's connections, as a sign-out would.
 */
export class SessionWatch {
  private readonly sessions = new Map<string, WatchedSession>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly check: SessionCheck,
    private readonly intervalMs: number,
    private readonly onCheckFailed: (error: unknown) => void,
  ) {
    this.timer = setInterval(() => {
      for (const key of this.sessions.keys()) void this.verify(key);
    }, intervalMs);
    this.timer.unref();
  }

  /**
   * Watches a connection's token, accepted as `identity` (just resolved); `revoke` closes that
   * connection. Returns the unwatch function.
   */
  watch(authorization: string, identity: UserIdentity, revoke: () => void): () => void {
    let session = this.sessions.get(authorization);
    if (!session) this.sessions.set(authorization, (session = { authorization, watchers: new Set(), current: identity, checkedAt: Date.now(), failures: 0 }));
    else if (!session.checking) Object.assign(session, { current: identity, checkedAt: Date.now() });
    const watcher: Watcher = { identity, revoke };
    session.watchers.add(watcher);
    return () => {
      session.watchers.delete(watcher);
      if (session.watchers.size === 0 && this.sessions.get(authorization) === session) this.sessions.delete(authorization);
    };
  }

  /**
   * True when the token was verified within two intervals (checking now if it was not) and still
   * stands for `identity`.
   */
  async ensureValid(authorization: string, identity: UserIdentity): Promise<boolean> {
    const session = this.sessions.get(authorization);
    if (!session) return false;
    const current = Date.now() - session.checkedAt < 2 * this.intervalMs ? session.current : await this.verify(authorization);
    return current !== null && sameIdentity(current, identity);
  }

  close(): void {
    clearInterval(this.timer);
    this.sessions.clear();
  }

  private verify(authorization: string): Promise<UserIdentity | null> {
    const session = this.sessions.get(authorization);
    if (!session) return Promise.resolve(null);
    session.checking ??= (async () => {
      try {
        const identity = await this.check(authorization);
        if (identity) {
          Object.assign(session, { current: identity, checkedAt: Date.now(), failures: 0 });
          for (const watcher of session.watchers) if (!sameIdentity(watcher.identity, identity)) this.revoke(session, watcher);
          return identity;
        }
        this.sessions.delete(authorization);
        for (const watcher of session.watchers) watcher.revoke();
        return null;
      } catch (error) {
        // One unanswered check is no proof of sign-out: keep the connection, try again. But a
        // sign-out must not go unnoticed for as long as the user subgraph is down: after a few
        // failures in a row the connections close (4403) and clients reconnect once it is back.
        this.onCheckFailed(error);
        session.failures += 1;
        if (session.failures < MAX_FAILED_CHECKS) return session.current;
        if (this.sessions.get(authorization) === session) this.sessions.delete(authorization);
        for (const watcher of session.watchers) watcher.revoke();
        return null;
      } finally {
        session.checking = undefined;
      }
    })();
    return session.checking;
  }

  private revoke(session: WatchedSession, watcher: Watcher): void {
    session.watchers.delete(watcher);
    if (session.watchers.size === 0 && this.sessions.get(session.authorization) === session) this.sessions.delete(session.authorization);
    watcher.revoke();
  }
}
