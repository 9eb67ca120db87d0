import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedisClient, retry, type Logger } from '@studbook/platform';
import { Lru } from './lru.js';
import { membersOf, parseStructure, serializeStructure, type PedigreeStructure } from './pedigree-structure.js';

export interface PedigreeCacheOptions {
  /** Unset: in-process only (one instance, e.g. `npm start`). */
  redisUrl?: string;
  /** Prefixes every Redis key and channel, so deployments sharing a Redis never meet. */
  namespace: string;
  logger: Logger;
  lruEntries?: number;
  ttlMs?: number;
  /** How long an invalidation waits for the other instances to confirm their eviction. */
  ackTimeoutMs?: number;
}

/** Taken before the database is read; a fill is dropped if any member changed since. */
export interface FillToken {
  localEpoch: number;
  generation: number;
  redisCounter: number | null;
}

interface LocalEntry {
  structure: PedigreeStructure;
  members: string[];
  generation: number;
  expiresAt: number;
}

const INVALIDATION_MEMORY_MS = 10 * 60_000;
/** Pauses before the inline retries of a failed invalidation (a dropped connection reconnects in about 200 ms). */
const INLINE_RETRY = { attempts: 3, baseDelayMs: 250, maxDelayMs: 500 } as const;
/** Background retries while degraded: from this pause, doubling up to the maximum. */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5000;
const CHUNK = 1000;
/** Animal ids per eviction message (about 370 kB). */
const MESSAGE_IDS = 10_000;

// Stores a tree unless one of its members was invalidated after the filler read the counter.
// KEYS: tree, idx(member)..., inv(member)...; ARGV: counter at read, ttl ms, tree json, root.
const FILL = `
local n = (#KEYS - 1) / 2
local start = tonumber(ARGV[1])
for i = 1, n do
  local inv = redis.call('GET', KEYS[1 + n + i])
  if inv and tonumber(inv) > start then return 0 end
end
redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[2])
for i = 1, n do
  redis.call('SADD', KEYS[1 + i], ARGV[4])
  redis.call('PEXPIRE', KEYS[1 + i], ARGV[2])
end
return 1`;

// Deletes every tree that contains one of the animals and marks them invalidated at a new counter value.
// KEYS: counter, idx(animal)..., inv(animal)...; ARGV: inv ttl ms, tree key prefix.
// (Tree keys are built here from the index; fine for one Redis, not for Redis Cluster.)
const INVALIDATE = `
local c = redis.call('INCR', KEYS[1])
local n = (#KEYS - 1) / 2
local dropped = 0
for i = 1, n do
  for _, root in ipairs(redis.call('SMEMBERS', KEYS[1 + i])) do
    dropped = dropped + redis.call('DEL', ARGV[2] .. root)
  end
  redis.call('DEL', KEYS[1 + i])
  redis.call('SET', KEYS[1 + n + i], c, 'PX', ARGV[1])
end
return dropped`;

type ScriptedRedis = Redis & {
  pedigreeFill(keyCount: number, ...args: (string | number)[]): Promise<number>;
  pedigreeInvalidate(keyCount: number, ...args: (string | number)[]): Promise<number>;
};

/**
 * Pedigree structure cache: an in-process LRU in front of Redis. Invalidation deletes exactly the
 * trees containing a changed animal (Redis keeps, per animal, the set of roots whose tree names it),
 * then tells every other instance over pub/sub to evict theirs and waits for their confirmation, so
 * no instance serves a stale tree once the mutation has returned. While the subscription is down
 * the LRU is not used (an eviction could be missed), and a dead Redis only costs a failed call.
 *
 * An invalidation that fails (the Redis delete, the broadcast, or a missing confirmation) is retried
 * at once; if it still fails the cache is degraded: it serves nothing, neither from Redis nor from the
 * LRU, and stores nothing, until a retried invalidation of every pending id succeeds in the background.
 * The broadcast runs even when the Redis delete failed, and then asks the receivers to delete in Redis.
 */
export class PedigreeCache {
  private readonly lru: Lru<LocalEntry>;
  /** animal id → roots of local entries that contain it. */
  private readonly localIndex = new Map<string, Set<string>>();
  /** animal id → local epoch and time of its last invalidation, to refuse fills that raced it. */
  private readonly invalidatedAt = new Map<string, { epoch: number; at: number }>();
  private localEpoch = 0;
  private generation = 0;
  private subscribed = false;
  private readonly instanceId = randomUUID();
  private readonly pendingAcks = new Map<string, { acks: number; expected: number; done: () => void }>();
  private readonly ttlMs: number;
  private readonly ackTimeoutMs: number;
  private readonly prefix: string;
  private readonly evictChannel: string;
  private readonly ackChannel: string;
  private readonly redis: ScriptedRedis | null;
  private readonly subscriber: Redis | null;
  /** Ids whose invalidation has not yet succeeded everywhere; non-empty means degraded. */
  private readonly pending = new Set<string>();
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = RETRY_MIN_MS;
  private closed = false;

  constructor(private readonly options: PedigreeCacheOptions) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 500;
    this.prefix = `${options.namespace}:pedigree`;
    this.evictChannel = `${this.prefix}:evict`;
    this.ackChannel = `${this.prefix}:ack:${this.instanceId}`;
    this.lru = new Lru<LocalEntry>(options.lruEntries ?? 5000, (root, entry) => this.unindex(root, entry.members));
    if (!options.redisUrl) {
      this.redis = null;
      this.subscriber = null;
      return;
    }
    const logger = options.logger;
    this.redis = createRedisClient(options.redisUrl, 'pedigree') as ScriptedRedis;
    this.redis.defineCommand('pedigreeFill', { lua: FILL });
    this.redis.defineCommand('pedigreeInvalidate', { lua: INVALIDATE });
    this.redis.on('error', (error) => logger.warn('pedigree cache redis error', { error: error.message }));
    this.subscriber = createRedisClient(options.redisUrl, 'pedigree-events');
    this.subscriber.on('error', (error) => logger.warn('pedigree cache subscriber error', { error: error.message }));
    this.subscriber.on('ready', () => {
      this.subscriber!.subscribe(this.evictChannel, this.ackChannel).then(
        () => this.setSubscribed(true),
        (error: Error) => logger.warn('pedigree cache could not subscribe', { error: error.message }),
      );
    });
    this.subscriber.on('close', () => this.setSubscribed(false));
    this.subscriber.on('message', (channel: string, message: string) => void this.onMessage(channel, message));
  }

  /** Resolves once the subscription is up (or at once without Redis); for start-up and tests. */
  async ready(timeoutMs = 2000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.redis && !this.subscribed && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return !this.redis || this.subscribed;
  }

  /** Cached structures at least `depth` deep, and the token to fill the rest with. */
  async lookup(roots: readonly string[], depth: number): Promise<{ hits: Map<string, PedigreeStructure>; token: FillToken }> {
    const token: FillToken = { localEpoch: this.localEpoch, generation: this.generation, redisCounter: null };
    const hits = new Map<string, PedigreeStructure>();
    const now = Date.now();
    if (this.lruUsable()) {
      for (const root of roots) {
        const entry = this.lru.get(root);
        if (entry && entry.generation === this.generation && entry.expiresAt > now && entry.structure.depth >= depth) hits.set(root, entry.structure);
      }
    }
    const misses = roots.filter((root) => !hits.has(root));
    if (this.redis?.status !== 'ready' || this.degraded() || (misses.length === 0 && hits.size > 0)) return { hits, token };
    try {
      const [counter, ...values] = await this.redis.mget(this.counterKey(), ...misses.map((root) => this.treeKey(root)));
      token.redisCounter = Number(counter ?? 0);
      misses.forEach((root, i) => {
        const text = values[i];
        if (!text) return;
        const structure = parseStructure(text);
        if (structure.depth < depth) return;
        hits.set(root, structure);
        this.storeLocal(token, root, structure);
      });
    } catch (error) {
      this.options.logger.warn('pedigree cache unavailable, reading PostgreSQL', { error: (error as Error).message });
    }
    return { hits, token };
  }

  /** Caches structures read from PostgreSQL after `token` was taken. */
  async fill(token: FillToken, structures: ReadonlyMap<string, PedigreeStructure>): Promise<void> {
    for (const [root, structure] of structures) this.storeLocal(token, root, structure);
    if (!this.redis || token.redisCounter === null || structures.size === 0 || this.degraded()) return;
    try {
      const pipeline = this.redis.pipeline() as unknown as { pedigreeFill: ScriptedRedis['pedigreeFill']; exec(): Promise<unknown> };
      for (const [root, structure] of structures) {
        const members = membersOf(structure);
        const keys = [this.treeKey(root), ...members.map((m) => this.indexKey(m)), ...members.map((m) => this.invalidatedKey(m))];
        void pipeline.pedigreeFill(keys.length, ...keys, token.redisCounter, this.ttlMs, serializeStructure(structure), root);
      }
      await pipeline.exec();
    } catch (error) {
      this.options.logger.warn('pedigree cache fill failed', { error: (error as Error).message });
    }
  }

  /** Evicts every tree containing one of these animals, here, in Redis and on every other instance. */
  async invalidate(animalIds: readonly string[]): Promise<void> {
    if (animalIds.length === 0) return;
    this.evictLocal(animalIds);
    if (!this.redis) return;
    // Always one attempt, so the instances that can be reached evict even while this one is degraded;
    // once degraded (serving nothing) no inline retry: the running background retry takes these along.
    const evicted = await retry(
      async () => {
        if (!(await this.attempt(animalIds))) throw new Error('pedigree eviction not confirmed');
      },
      { ...INLINE_RETRY, retryable: () => !this.degraded() },
    ).then(
      () => true,
      () => false,
    );
    if (!evicted) this.degrade(animalIds);
  }

  /** True while some invalidation has not succeeded: nothing is served or stored until it has. */
  degraded(): boolean {
    return this.pending.size > 0;
  }

  /**
   * One full invalidation: the Redis delete, then (whatever became of it) the broadcast to the other
   * instances, which also delete in Redis when ours failed. True only if both succeeded.
   */
  private async attempt(animalIds: readonly string[]): Promise<boolean> {
    const redisEvicted = await this.evictRedis(animalIds);
    let confirmed = false;
    try {
      // All messages at once, so an import of 100,000 animals waits for confirmations once, not once per message.
      const messages: (readonly string[])[] = [];
      for (let start = 0; start < animalIds.length; start += MESSAGE_IDS) messages.push(animalIds.slice(start, start + MESSAGE_IDS));
      confirmed = (await Promise.all(messages.map((ids) => this.broadcast(ids, !redisEvicted)))).every(Boolean);
    } catch (error) {
      this.options.logger.warn('pedigree eviction broadcast failed', { error: (error as Error).message });
    }
    return redisEvicted && confirmed;
  }

  /** Deletes every Redis tree containing one of these animals; false if Redis failed. */
  private async evictRedis(animalIds: readonly string[]): Promise<boolean> {
    try {
      for (let start = 0; start < animalIds.length; start += CHUNK) {
        const chunk = animalIds.slice(start, start + CHUNK);
        const keys = [this.counterKey(), ...chunk.map((id) => this.indexKey(id)), ...chunk.map((id) => this.invalidatedKey(id))];
        await this.redis!.pedigreeInvalidate(keys.length, ...keys, INVALIDATION_MEMORY_MS, `${this.prefix}:tree:`);
      }
      return true;
    } catch (error) {
      this.options.logger.warn('pedigree cache eviction in Redis failed', { error: (error as Error).message });
      return false;
    }
  }

  /** Stops serving cached trees until these ids (and any pending) are invalidated everywhere. */
  private degrade(animalIds: readonly string[]): void {
    const wasDegraded = this.degraded();
    for (const id of animalIds) this.pending.add(id);
    if (wasDegraded || this.closed) return;
    this.options.logger.warn('pedigree cache degraded until an invalidation succeeds', { animals: this.pending.size });
    // Fills already under way were read before the failure: their tokens no longer match.
    this.generation++;
    this.lru.clear();
    this.retryDelayMs = RETRY_MIN_MS;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => void this.retryPending(), this.retryDelayMs);
    this.retryTimer.unref();
  }

  private async retryPending(): Promise<void> {
    this.retryTimer = null;
    const ids = [...this.pending];
    if (await this.attempt(ids)) {
      for (const id of ids) this.pending.delete(id);
      if (!this.degraded()) {
        this.generation++;
        this.lru.clear();
        this.options.logger.info('pedigree cache recovered', { animals: ids.length });
        return;
      }
      this.retryDelayMs = RETRY_MIN_MS;
    } else {
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
    }
    this.scheduleRetry();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.redis?.disconnect();
    this.subscriber?.disconnect();
    this.lru.clear();
  }

  /**
   * Publishes the eviction and waits (briefly) until every other subscribed instance confirms it;
   * false if some did not. `inRedisToo`: our Redis delete failed, so receivers delete there as well.
   */
  private async broadcast(animalIds: readonly string[], inRedisToo: boolean): Promise<boolean> {
    const request = randomUUID();
    let done!: () => void;
    const confirmed = new Promise<void>((resolve) => (done = resolve));
    // An ack can arrive before PUBLISH returns how many receivers there are.
    const waiter = { acks: 0, expected: Infinity, done };
    this.pendingAcks.set(request, waiter);
    try {
      const receivers = await this.redis!.publish(this.evictChannel, JSON.stringify({ from: this.instanceId, request, ids: animalIds, inRedisToo }));
      waiter.expected = receivers - (this.subscribed ? 1 : 0);
      if (waiter.acks >= waiter.expected) return true;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.ackTimeoutMs)));
      const outcome = await Promise.race([confirmed, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') this.options.logger.warn('pedigree eviction not confirmed by every instance', { missing: waiter.expected - waiter.acks });
      return outcome !== 'timeout';
    } finally {
      this.pendingAcks.delete(request);
    }
  }

  private async onMessage(channel: string, message: string): Promise<void> {
    try {
      if (channel === this.ackChannel) {
        const waiter = this.pendingAcks.get(message);
        if (waiter && ++waiter.acks >= waiter.expected) waiter.done();
        return;
      }
      if (channel !== this.evictChannel) return;
      const { from, request, ids, inRedisToo } = JSON.parse(message) as { from: string; request: string; ids: string[]; inRedisToo?: boolean };
      if (from === this.instanceId) return;
      this.evictLocal(ids);
      // The sender could not delete in Redis; if we cannot either, we serve nothing until a retry can.
      if (inRedisToo && !(await this.evictRedis(ids))) this.degrade(ids);
      // Confirms that this instance will not serve a stale tree of these ids.
      this.redis?.publish(`${this.prefix}:ack:${from}`, request).catch(() => undefined);
    } catch (error) {
      this.options.logger.warn('pedigree cache message ignored', { error: (error as Error).message });
    }
  }

  private setSubscribed(subscribed: boolean): void {
    if (this.subscribed === subscribed) return;
    // Evictions may have been missed while the subscription was down: start over either way.
    this.subscribed = subscribed;
    this.generation++;
    this.lru.clear();
  }

  private lruUsable(): boolean {
    return !this.redis || (this.subscribed && !this.degraded());
  }

  private storeLocal(token: FillToken, root: string, structure: PedigreeStructure): void {
    if (!this.lruUsable() || token.generation !== this.generation) return;
    const members = membersOf(structure);
    if (token.localEpoch !== this.localEpoch && members.some((m) => (this.invalidatedAt.get(m)?.epoch ?? -1) > token.localEpoch)) return;
    const current = this.lru.get(root);
    if (current && current.structure.depth > structure.depth) return;
    this.lru.set(root, { structure, members, generation: this.generation, expiresAt: Date.now() + this.ttlMs });
    for (const member of members) {
      let roots = this.localIndex.get(member);
      if (!roots) this.localIndex.set(member, (roots = new Set()));
      roots.add(root);
    }
  }

  private evictLocal(animalIds: readonly string[]): void {
    const epoch = ++this.localEpoch;
    const now = Date.now();
    for (const id of animalIds) {
      this.invalidatedAt.set(id, { epoch, at: now });
      for (const root of [...(this.localIndex.get(id) ?? [])]) this.lru.delete(root);
    }
    if (this.invalidatedAt.size > 50_000) {
      for (const [id, mark] of this.invalidatedAt) if (now - mark.at > INVALIDATION_MEMORY_MS) this.invalidatedAt.delete(id);
    }
  }

  private unindex(root: string, members: readonly string[]): void {
    for (const member of members) {
      const roots = this.localIndex.get(member);
      roots?.delete(root);
      if (roots?.size === 0) this.localIndex.delete(member);
    }
  }

  private counterKey = () => `${this.prefix}:counter`;
  private treeKey = (root: string) => `${this.prefix}:tree:${root}`;
  private indexKey = (animal: string) => `${this.prefix}:idx:${animal}`;
  private invalidatedKey = (animal: string) => `${this.prefix}:inv:${animal}`;
}
