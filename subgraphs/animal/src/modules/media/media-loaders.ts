import DataLoader from 'dataloader';
import type { TenantDb, TenantScope } from '@studbook/platform';
import type { MediaRow } from './media-row.js';
import { findCompletedMediaOfAnimals } from './media-store.js';

export interface MediaLoaders {
  /** Completed media of each animal that RLS shows the caller, in display order; one statement per batch. */
  mediaByAnimalId: DataLoader<string, MediaRow[]>;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createMediaLoaders({ db, scope }: { db: TenantDb; scope: TenantScope | null }): MediaLoaders {
  return {
    mediaByAnimalId: new DataLoader(async (animalIds) => {
      if (!scope) return animalIds.map(() => []);
      const rows = await db.read(scope, (tx) => findCompletedMediaOfAnimals(tx, animalIds));
      const byAnimal = new Map<string, MediaRow[]>();
      for (const row of rows) byAnimal.set(row.animalId, [...(byAnimal.get(row.animalId) ?? []), row]);
      return animalIds.map((id) => byAnimal.get(id) ?? []);
    }),
  };
}
