import { sessionCacheKey, sessionChangedKey, type Cache } from '@studbook/platform';

/**
 * How long the "changed" marker lives: longer than a gateway session lookup may take (its
 * timeout is 5 s), so a lookup that started before the change cannot cache its stale answer.
 */
const SESSION_CHANGED_MARKER_MS = 10_000;

/**
 * Makes every gateway forget its resolution of these sessions (ended, re-scoped, or their role
 * changed). The marker goes first and the cached entry second: a lookup already under way either
 * caches before the delete (and is deleted) or sees the marker after caching (and deletes itself).
 */
export async function forgetResolvedSessions(cache: Cache, tokenHashes: readonly string[]): Promise<void> {
  if (tokenHashes.length === 0) return;
  await Promise.all(tokenHashes.map((hash) => cache.set(sessionChangedKey(hash), '1', SESSION_CHANGED_MARKER_MS)));
  await cache.delete(...tokenHashes.map(sessionCacheKey));
}
