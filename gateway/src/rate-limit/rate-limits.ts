import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger, Metrics } from '@studbook/platform';

export interface Budget {
  /** Points per window and client address; 0: no limit. */
  perAddress: number;
  /** Points per window and session token; 0: no limit. */
  perSession: number;
  windowSeconds: number;
}

export interface RateLimitSettings {
  /** One point per HTTP request, WebSocket connection_init and subscribe. */
  requests: Budget;
  /** One point per signUp, signIn or acceptInvitation field, aliases each. */
  auth: Budget;
  /** Of the Redis keys: instances with the same prefix count together. */
  keyPrefix: string;
}

/** Who is asking: the client address (as clientOf sees it) and the hash of the session token presented, if any. */
export interface RateLimitSubject {
  address?: string;
  sessionHash?: string;
}

export interface Throttled {
  retryAfterSeconds: number;
}

interface Limiter {
  name: string;
  scope: 'address' | 'session';
  budget: 'requests' | 'auth';
  primary: RateLimiterAbstract;
  /** Used while Redis fails: per-instance limits rather than none. */
  fallback: RateLimiterAbstract;
}

const WARN_EVERY_MS = 10_000;

/**
 * The gateway's fixed-window budgets, per client address and per session. On Redis every gateway
 * instance counts together; a Redis error falls back to in-process counters (each instance then
 * limits alone, so the platform stays up and still throttled) and is logged at most every 10 s.
 */
export class RateLimits {
  private readonly limiters: Limiter[] = [];
  private lastWarning = 0;

  constructor(
    settings: RateLimitSettings,
    private readonly deps: { redis?: Redis; logger: Logger; metrics: Metrics },
  ) {
    for (const budget of ['requests', 'auth'] as const) {
      for (const scope of ['address', 'session'] as const) {
        const { windowSeconds, perAddress, perSession } = settings[budget];
        const points = scope === 'address' ? perAddress : perSession;
        if (points === 0) continue;
        const name = `${budget}-${scope}`;
        const options = { keyPrefix: `${settings.keyPrefix}:${name}`, points, duration: windowSeconds };
        const fallback = new RateLimiterMemory(options);
        // rejectIfRedisNotReady: while disconnected, go straight to the fallback instead of erroring per call.
        const primary = deps.redis ? new RateLimiterRedis({ ...options, storeClient: deps.redis, rejectIfRedisNotReady: true }) : fallback;
        this.limiters.push({ name, scope, budget, primary, fallback });
      }
    }
  }

  /**
   * Takes the cost from every budget that applies; refused when any of them is spent. Anything
   * past a budget is refused alike, so a cost is capped there (a huge alias count stays an integer).
   */
  async consume(subject: RateLimitSubject, cost: { requests?: number; authFields?: number }): Promise<Throttled | null> {
    const charges = this.limiters
      .map((limiter) => ({
        limiter,
        key: limiter.scope === 'address' ? subject.address : subject.sessionHash,
        points: Math.min(limiter.budget === 'requests' ? (cost.requests ?? 0) : (cost.authFields ?? 0), limiter.primary.points + 1),
      }))
      .filter((charge): charge is { limiter: Limiter; key: string; points: number } => Boolean(charge.key) && charge.points > 0);
    const outcomes = await Promise.all(charges.map(({ limiter, key, points }) => this.take(limiter, key, points)));
    const longest = Math.max(0, ...outcomes.map((outcome) => ('waitMs' in outcome ? outcome.waitMs : 0)));
    if (longest === 0) return null;
    // A refused request costs only the budget that refused it: one session over its own budget
    // must not use up its address's, which other users behind the same NAT share.
    await Promise.all(
      outcomes.map((outcome, i) => ('charged' in outcome ? outcome.charged.reward(charges[i].key, charges[i].points).catch(() => undefined) : undefined)),
    );
    return { retryAfterSeconds: Math.max(1, Math.ceil(longest / 1000)) };
  }

  /** Which counter granted the points, or the milliseconds until the budget has room again. */
  private async take(limiter: Limiter, key: string, points: number): Promise<{ charged: RateLimiterAbstract } | { waitMs: number }> {
    let counter = limiter.primary;
    try {
      try {
        await counter.consume(key, points);
      } catch (error) {
        if (error instanceof RateLimiterRes || counter === limiter.fallback) throw error;
        this.warn(error as Error);
        counter = limiter.fallback;
        await counter.consume(key, points);
      }
      return { charged: counter };
    } catch (refused) {
      // Not a refusal but a failure of the in-process counter too: let the request through.
      if (!(refused instanceof RateLimiterRes)) {
        this.warn(refused as Error);
        return { waitMs: 0 };
      }
      this.deps.metrics.increment('studbook_gateway_rate_limited_total', 'Requests refused by a rate limit', { budget: limiter.name });
      return { waitMs: Math.max(1, refused.msBeforeNext) };
    }
  }

  private warn(error: Error): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.deps.logger.warn('rate limits: redis unavailable, counting in this instance only', { error: String(error?.message ?? error) });
  }
}
