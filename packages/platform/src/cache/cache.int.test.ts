import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createCache, type Cache } from './cache.js';
import { createLogger } from '../logger.js';

const logger = createLogger('cache-test', { silent: true });
const caches: Cache[] = [];
const make = (url: string | undefined) => {
  const cache = createCache(url, 'cache-test', logger);
  caches.push(cache);
  return cache;
};

afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
});

describe('the Redis cache', () => {
  it('is what the platform uses when REDIS_URL is set (CI sets it)', () => {
    if (process.env.STUDBOOK_REQUIRE_ALL_STORES) expect(inject('redisUrl')).not.toBe('');
  });

  it.runIf(inject('redisUrl'))('stores, expires and deletes values shared between clients', async () => {
    const a = make(inject('redisUrl'));
    const b = make(inject('redisUrl'));
    expect(a.kind).toBe('redis');
    const key = `cache-test:${Date.now()}:${Math.random()}`;
    await new Promise((resolve) => setTimeout(resolve, 100)); // let both connect
    await a.set(key, 'value', 300);
    expect(await b.get(key)).toBe('value');
    await b.delete(key);
    expect(await a.get(key)).toBeNull();
    await a.set(key, 'short-lived', 50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await b.get(key)).toBeNull();
  });
});

describe('a cache whose Redis is down', () => {
  it('degrades to misses within a short timeout instead of failing', async () => {
    const dead = make('redis://127.0.0.1:1');
    const started = performance.now();
    await expect(dead.set('k', 'v', 1000)).resolves.toBeUndefined();
    await expect(dead.get('k')).resolves.toBeNull();
    await expect(dead.delete('k')).resolves.toBeUndefined();
    // Three operations; each gives up fast rather than queueing until Redis returns.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('the in-process cache', () => {
  it('honours TTLs and deletes', async () => {
    const memory = make(undefined);
    expect(memory.kind).toBe('memory');
    await memory.set('a', '1', 40);
    expect(await memory.get('a')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await memory.get('a')).toBeNull();
    await memory.set('b', '2', 1000);
    await memory.delete('b');
    expect(await memory.get('b')).toBeNull();
  });
});
