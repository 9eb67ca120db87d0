import DataLoader from 'dataloader';
import type { TenantDb, TenantScope } from '@studbook/platform';
import { findOwnershipHistory, type OwnershipRow } from './ownership-store.js';

export interface OwnershipLoaders {
  /** Ownership history of a visible animal, first owner first; empty for one the caller cannot see. */
  historyOf: DataLoader<string, OwnershipRow[]>;
}

/** Built fresh for every request: a page of animals costs one statement for all their histories. */
export function createOwnershipLoaders({ db, scope }: { db: TenantDb; scope: TenantScope | null }): OwnershipLoaders {
  return {
    historyOf: new DataLoader(async (ids) => {
      if (!scope) return ids.map(() => []);
      const rows = await db.read(scope, (tx) => findOwnershipHistory(tx, ids));
      const byAnimal = new Map<string, OwnershipRow[]>();
      for (const row of rows) byAnimal.set(row.animalId, [...(byAnimal.get(row.animalId) ?? []), row]);
      return ids.map((id) => byAnimal.get(id.toLowerCase()) ?? []);
    }),
  };
}
