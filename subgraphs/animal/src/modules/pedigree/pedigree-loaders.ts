import type DataLoader from 'dataloader';
import { measuredLoader } from '@studbook/platform';
import type { TenantDb, TenantScope } from '@studbook/platform';
import type { PedigreeCache } from './pedigree-cache.js';
import { findPedigreeStructure } from './pedigree-store.js';
import { structureFor, walkOf, type PedigreeStructure } from './pedigree-structure.js';

export interface StructureKey {
  root: string;
  depth: number;
}

export interface PedigreeLoaders {
  /** The lineage structure of a visible root, `depth` generations deep; null for an animal the caller cannot see. */
  structureOf: DataLoader<StructureKey, PedigreeStructure | null, string>;
}

export interface PedigreeLoaderDeps {
  db: TenantDb;
  scope: TenantScope | null;
  /** Shared by every request and instance: structures are ids only, the same for whoever asks. */
  cache: PedigreeCache;
}

/**
 * Built fresh for every request. Every pedigree asked for in one pass of the query shares one
 * lookup: from the cache where it has them, the rest in one recursive query, which then fills the cache.
 */
export function createPedigreeLoaders({ db, scope, cache }: PedigreeLoaderDeps): PedigreeLoaders {
  return {
    structureOf: measuredLoader(
      'animal.structureOf',
      async (keys) => {
        if (!scope) return keys.map(() => null);
        const depth = Math.max(...keys.map((key) => key.depth));
        const roots = [...new Set(keys.map((key) => key.root))];
        const { hits, token } = await cache.lookup(roots, depth);
        const misses = roots.filter((root) => !hits.has(root));
        if (misses.length > 0) {
          const walk = walkOf(await db.read(scope, (tx) => findPedigreeStructure(tx, misses, depth)));
          const loaded = new Map(misses.filter((root) => walk.has(root)).map((root) => [root, structureFor(root, walk, depth)]));
          await cache.fill(token, loaded);
          for (const [root, structure] of loaded) hits.set(root, structure);
        }
        return keys.map((key) => hits.get(key.root) ?? null);
      },
      { cacheKeyFn: (key) => `${key.root}:${key.depth}` },
    ),
  };
}
