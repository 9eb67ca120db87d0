import type { UserIdentity } from '@studbook/platform';

/** Answers whether a bearer token still stands for a live session (null: signed out or expired). */
export type SessionCheck = (authorization: string) => Promise<UserIdentity | null>;

interface WatchedSession {
  authorization: string;
  revoke: Set<() => void>;
  checkedAt: number;
  checking?: Promise<boolean>;
}

/**
 * Re-checks the session token of every open connection at an interval, once per distinct token
 * however many connections share it, and closes the connections of a token that was signed out or
 * expired. Deliveries ask `ensureValid` first: it answers at once while the periodic checks keep
 * succeeding, and re-checks inline only when they have stalled (the user subgraph slow or down),
 * so a delivery never waits on the routine check and never goes out on a long-unverified token.
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

  /** Watches a connection's token; `revoke` closes that connection. Returns the unwatch function. */
  watch(authorization: string, revoke: () => void): () => void {
    let session = this.sessions.get(authorization);
    if (!session) this.sessions.set(authorization, (session = { authorization, revoke: new Set(), checkedAt: Date.now() }));
    session.revoke.add(revoke);
    return () => {
      session.revoke.delete(revoke);
      if (session.revoke.size === 0 && this.sessions.get(authorization) === session) this.sessions.delete(authorization);
    };
  }

  /** True when the token was verified within two intervals (checking now if it was not). */
  async ensureValid(authorization: string): Promise<boolean> {
    const session = this.sessions.get(authorization);
    if (!session) return false;
    if (Date.now() - session.checkedAt < 2 * this.intervalMs) return true;
    return this.verify(authorization);
  }

  close(): void {
    clearInterval(this.timer);
    this.sessions.clear();
  }

  private verify(authorization: string): Promise<boolean> {
    const session = this.sessions.get(authorization);
    if (!session) return Promise.resolve(false);
    session.checking ??= (async () => {
      try {
        const identity = await this.check(authorization);
        if (identity) {
          session.checkedAt = Date.now();
          return true;
        }
        this.sessions.delete(authorization);
        for (const revoke of session.revoke) revoke();
        return false;
      } catch (error) {
        // The user subgraph not answering is no proof of sign-out: keep the connection, try again.
        this.onCheckFailed(error);
        return true;
      } finally {
        session.checking = undefined;
      }
    })();
    return session.checking;
  }
}
