import { createHash, randomUUID } from 'node:crypto';
import type { Cache } from '@studbook/platform';

const GENERATION_KEY = 'studbook:search:generation';
const GENERATION_TTL_MS = 24 * 3_600_000;
/** The seed's TTLs: a broad result (more than 100 listings) changes less per listing, so it lives longer. */
export const BROAD_RESULT_TTL_MS = 5 * 60_000;
export const NARROW_RESULT_TTL_MS = 60_000;
export const BROAD_RESULT = 100;

/**
 * A token every projection write replaces, on the shared cache: results are cached under the token
 * they were computed at, so once any listing changes no instance reads an older result again. A
 * random token, not a counter, because the plain cache has no atomic increment and two writers
 * setting the same next number could leave a result computed between them current.
 */
export class SearchGeneration {
  constructor(private readonly cache: Cache) {}

  async current(): Promise<string> {
    return (await this.cache.get(GENERATION_KEY)) ?? 'initial';
  }

  async bump(): Promise<void> {
    await this.cache.set(GENERATION_KEY, randomUUID(), GENERATION_TTL_MS);
  }
}

/**
 * Cached search results keyed by the normalised request; each entry holds the generation it was
 * computed at and counts only while that is still the current one. So a lookup is the result and
 * the generation read at once, one round trip on the shared cache, not one for the generation and
 * then one for the result under it.
 */
export class SearchResultCache {
  constructor(
    private readonly cache: Cache,
    readonly generation: SearchGeneration,
  ) {}

  keyOf(normalisedRequest: unknown): string {
    return `studbook:search:result:${createHash('sha256').update(JSON.stringify(normalisedRequest)).digest('base64url')}`;
  }

  /** The entry and the current generation, read concurrently; the entry only if it is of that generation. */
  async lookup<T>(key: string): Promise<{ value: T | null; generation: string }> {
    const [generation, stored] = await Promise.all([this.generation.current(), this.cache.get(key)]);
    if (!stored) return { value: null, generation };
    const entry = JSON.parse(stored) as { generation: string; value: T };
    return { value: entry.generation === generation ? entry.value : null, generation };
  }

  /**
   * Stores a result under the generation read before it was computed: if a projection write came in
   * between, the entry is already stale and no lookup takes it. TTL by result size, but never past
   * the first expiry among the listings it holds (expiry is read time).
   */
  async set(key: string, generation: string, value: unknown, totalCount: number, firstExpiry: Date | null): Promise<void> {
    let ttl = totalCount > BROAD_RESULT ? BROAD_RESULT_TTL_MS : NARROW_RESULT_TTL_MS;
    if (firstExpiry) ttl = Math.min(ttl, firstExpiry.getTime() - Date.now());
    if (ttl > 0) await this.cache.set(key, JSON.stringify({ generation, value }), ttl);
  }
}
