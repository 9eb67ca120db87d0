import type DataLoader from 'dataloader';
import { measuredLoader } from '@studbook/platform';
import type { TenantDb, TenantScope } from '@studbook/platform';
import type { AnimalLoaders } from '../animal/animal-loaders.js';
import type { AnimalRow } from '../animal/animal-row.js';
import { findOffspring } from './lineage-store.js';

export interface LineageLoaders {
  /** Visible offspring of a parent, oldest first. */
  offspringOf: DataLoader<string, AnimalRow[]>;
}

export interface LineageLoaderDeps {
  db: TenantDb;
  scope: TenantScope | null;
  /** Primed with every offspring read, so resolving them costs no further reads. */
  animalLoaders: AnimalLoaders;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createLineageLoaders({ db, scope, animalLoaders }: LineageLoaderDeps): LineageLoaders {
  return {
    offspringOf: measuredLoader('animal.offspringOf', async (parentIds) => {
      if (!scope) return parentIds.map(() => []);
      const rows = await db.read(scope, (tx) => findOffspring(tx, parentIds));
      for (const row of rows) animalLoaders.animalById.prime(row.id, row);
      return parentIds.map((id) => rows.filter((row) => row.sireId === id || row.damId === id));
    }),
  };
}
