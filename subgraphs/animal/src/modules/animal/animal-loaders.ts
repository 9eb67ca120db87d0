import type DataLoader from 'dataloader';
import { isUuid, type TenantDb, type TenantScope, measuredLoader } from '@studbook/platform';
import type { AnimalRow } from './animal-row.js';
import { findAnimalsByIds } from './animal-store.js';

export interface AnimalLoaders {
  /** Visible animals by id; null for unknown or invisible ones. */
  animalById: DataLoader<string, AnimalRow | null>;
}

export interface AnimalLoaderDeps {
  db: TenantDb;
  scope: TenantScope | null;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createAnimalLoaders({ db, scope }: AnimalLoaderDeps): AnimalLoaders {
  return {
    animalById: measuredLoader('animal.animalById', async (ids) => {
      const valid = ids.filter(isUuid);
      if (!scope || valid.length === 0) return ids.map(() => null);
      const rows = await db.run(scope, (tx) => findAnimalsByIds(tx, valid));
      const byId = new Map(rows.map((row) => [row.id, row]));
      // PostgreSQL returns ids in lowercase; an uppercase key must still find its row.
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
  };
}
