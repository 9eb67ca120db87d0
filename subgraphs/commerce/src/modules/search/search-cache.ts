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

/** Cached search results keyed by the normalised request and the generation they were computed at. */
export class SearchResultCache {
  constructor(
    private readonly cache: Cache,
    readonly generation: SearchGeneration,
  ) {}

  keyOf(generation: string, normalisedRequest: unknown): string {
    return `studbook:search:${generation}:${createHash('sha256').update(JSON.stringify(normalisedRequest)).digest('base64url')}`;
  }

  async get<T>(key: string): Promise<T | null> {
    const value = await this.cache.get(key);
    return value ? (JSON.parse(value) as T) : null;
  }

  /** TTL by result size, but never past the first expiry among the listings it holds (expiry is read time). */
  async set(key: string, value: unknown, totalCount: number, firstExpiry: Date | null): Promise<void> {
    let ttl = totalCount > BROAD_RESULT ? BROAD_RESULT_TTL_MS : NARROW_RESULT_TTL_MS;
    if (firstExpiry) ttl = Math.min(ttl, firstExpiry.getTime() - Date.now());
    if (ttl > 0) await this.cache.set(key, JSON.stringify(value), ttl);
  }
}
