import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createLogger } from '@studbook/platform';
import { PedigreeCache } from '@studbook/animal/src/modules/pedigree/pedigree-cache.js';
import type { PedigreeStructure } from '@studbook/animal/src/modules/pedigree/pedigree-structure.js';

const logger = createLogger('pedigree-cache-test', { silent: true });
const redisUrl = inject('redisUrl');
const open: PedigreeCache[] = [];

function cache(options: { redis: boolean; namespace: string }): PedigreeCache {
  const made = new PedigreeCache({ redisUrl: options.redis ? redisUrl : undefined, namespace: options.namespace, logger });
  open.push(made);
  return made;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** root ← sire ← grandsire */
const tree = (root: string, sire: string, grandsire: string): PedigreeStructure => ({
  depth: 3,
  parents: new Map([
    [root, [sire, null]],
    [sire, [grandsire, null]],
    [grandsire, [null, null]],
  ]),
});

describe.each([{ redis: false }, { redis: true }].filter((mode) => !mode.redis || redisUrl))('pedigree cache (redis: $redis)', ({ redis }) => {
  it('serves what was filled, and evicts exactly the trees that contain a changed animal', async () => {
    const c = cache({ redis, namespace: `test:${randomUUID()}` });
    await c.ready();
    const [a, b, shared, other] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const { token } = await c.lookup([a, b], 3);
    await c.fill(token, new Map([[a, tree(a, shared, randomUUID())], [b, tree(b, other, randomUUID())]]));
    expect([...(await c.lookup([a, b], 3)).hits.keys()].sort()).toEqual([a, b].sort());
    expect((await c.lookup([a], 4)).hits.size).toBe(0); // not deep enough
    await c.invalidate([shared]);
    expect([...(await c.lookup([a, b], 3)).hits.keys()]).toEqual([b]);
  });

  it('drops a fill that raced an invalidation of one of its animals', async () => {
    const c = cache({ redis, namespace: `test:${randomUUID()}` });
    await c.ready();
    const [root, sire, grandsire] = [randomUUID(), randomUUID(), randomUUID()];
    const { token } = await c.lookup([root], 3); // taken before the (simulated) database read
    await c.invalidate([grandsire]); // a lineage change commits meanwhile
    await c.fill(token, new Map([[root, tree(root, sire, grandsire)]]));
    expect((await c.lookup([root], 3)).hits.size).toBe(0);
  });
});

describe.skipIf(!redisUrl)('pedigree cache across instances', () => {
  it('evicts the other instance before invalidate returns, and keeps namespaces apart', async () => {
    const namespace = `test:${randomUUID()}`;
    const [one, two, stranger] = [cache({ redis: true, namespace }), cache({ redis: true, namespace }), cache({ redis: true, namespace: `test:${randomUUID()}` })];
    await Promise.all([one.ready(), two.ready(), stranger.ready()]);
    const [root, sire, grandsire] = [randomUUID(), randomUUID(), randomUUID()];
    for (const c of [one, two, stranger]) {
      const { token } = await c.lookup([root], 3);
      await c.fill(token, new Map([[root, tree(root, sire, grandsire)]]));
    }
    // Redis is emptied too, so only two's in-process copy could still answer: it must be gone.
    // As many ids as a large import sends (several messages), the one that matters last.
    await one.invalidate([...Array.from({ length: 25_000 }, () => randomUUID()), sire]);
    expect((await two.lookup([root], 3)).hits.size).toBe(0);
    expect((await stranger.lookup([root], 3)).hits.size).toBe(1);
    const check = new Redis(redisUrl);
    expect(await check.exists(`${namespace}:pedigree:tree:${root}`)).toBe(0);
    check.disconnect();
  });
});
