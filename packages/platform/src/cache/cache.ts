import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

/** A shared key-value cache. Failures never propagate: a broken cache is a cache miss. */
export interface Cache {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  close(): Promise<void>;
  /** Told of every lookup, hit or miss (measureCache). */
  onLookup?: (hit: boolean) => void;
}

/** In-process cache for the single-process embedded default. */
export class MemoryCache implements Cache {
  readonly kind = 'memory';
  onLookup?: (hit: boolean) => void;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  get size(): number {
    return this.entries.size;
  }

  async get(key: string) {
    const entry = this.entries.get(key);
    const live = entry !== undefined && entry.expiresAt > Date.now();
    if (entry && !live) this.entries.delete(key);
    this.onLookup?.(live);
    return live ? entry.value : null;
  }

  async set(key: string, value: string, ttlMs: number) {
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
  }

  async delete(...keys: string[]) {
    for (const key of keys) this.entries.delete(key);
  }

  async close() {
    this.entries.clear();
  }
}

/** Redis-backed cache shared by every instance; each call gives up after a short timeout. */
export class RedisCache implements Cache {
  readonly kind = 'redis';
  constructor(
    /** The connection, for other per-instance Redis users (the gateway's rate limits) to share. */
    readonly redis: Redis,
    private readonly logger: Logger,
  ) {}

  onLookup?: (hit: boolean) => void;

  async get(key: string) {
    const value = await this.guard(() => this.redis.get(key), null);
    this.onLookup?.(value !== null);
    return value;
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.guard(() => this.redis.set(key, value, 'PX', ttlMs), null);
  }

  async delete(...keys: string[]) {
    if (keys.length) await this.guard(() => this.redis.del(...keys), 0);
  }

  async close() {
    this.redis.disconnect();
  }

  private async guard<T>(operation: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      this.logger.warn('redis unavailable, continuing without cache', { error: (error as Error).message });
      return fallback;
    }
  }
}

/** Builds the Redis client: fail fast (no offline queue) so a dead Redis slows nothing down for long. */
export function createRedisClient(url: string, label: string): Redis {
  return new Redis(url, {
    connectionName: `studbook-${label}`,
    enableOfflineQueue: false,
    commandTimeout: 250,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
    // Commands issued in one tick (a request's rate-limit counters, a page's cache reads) go out in one write.
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

export function createCache(redisUrl: string | undefined, label: string, logger: Logger): Cache {
  if (!redisUrl) {
    logger.info('REDIS_URL not set: using the in-process cache');
    return new MemoryCache();
  }
  const redis = createRedisClient(redisUrl, label);
  redis.on('error', (error) => logger.warn('redis error', { error: error.message }));
  return new RedisCache(redis, logger);
}

/**
 * Counts a cache's lookups by result (hit ratio = hits / all), and gauges what it holds: entries of
 * the in-process cache, whether the Redis connection is up (0 means every lookup is a miss).
 */
export function measureCache(cache: Cache, metrics: Metrics, label: string): void {
  cache.onLookup = (hit) => metrics.increment('studbook_cache_lookups_total', 'Cache lookups by result', { cache: label, result: hit ? 'hit' : 'miss' });
  if (cache instanceof MemoryCache)
    metrics.gauge('studbook_cache_entries', 'Entries held by an in-process cache', ['cache'], () => [{ labels: { cache: label }, value: cache.size }]);
  if (cache instanceof RedisCache)
    metrics.gauge('studbook_redis_up', 'Whether the Redis connection of a cache is ready (1) or not (0)', ['cache'], () => [
      { labels: { cache: label }, value: cache.redis.status === 'ready' ? 1 : 0 },
    ]);
}
