import type DataLoader from 'dataloader';
import { isUuid, type TenantDb, type TenantScope, measuredLoader } from '@studbook/platform';
import { findGenotypes, type GenotypeRow } from './genotype-store.js';

export interface MorphsLoaders {
  /** Recorded genotypes by animal id; null when none is recorded or the caller may not see it. */
  genotypeByAnimalId: DataLoader<string, GenotypeRow | null>;
}

export interface MorphsLoaderDeps {
  db: TenantDb;
  scope: TenantScope | null;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createMorphsLoaders({ db, scope }: MorphsLoaderDeps): MorphsLoaders {
  return {
    genotypeByAnimalId: measuredLoader('animal.genotypeByAnimalId', async (ids) => {
      const valid = ids.filter(isUuid);
      if (!scope || valid.length === 0) return ids.map(() => null);
      const rows = await db.read(scope, (tx) => findGenotypes(tx, valid));
      const byId = new Map(rows.map((row) => [row.animalId, row]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
  };
}
