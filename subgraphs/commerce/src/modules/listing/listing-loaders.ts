import type DataLoader from 'dataloader';
import { createAnimalSummaryLoader, type AnimalDirectory, type AnimalSummary } from '@studbook/contracts/animal-directory';
import { isUuid, type TenantDb, type TenantScope, measuredLoader } from '@studbook/platform';
import { findActiveListingsByAnimalIds, findListingsByIds, type ListingRow } from './listing-store.js';

export interface ListingLoaders {
  /** Visible listings by id; null for unknown or invisible ones. */
  listingById: DataLoader<string, ListingRow | null>;
  /** The visible ACTIVE listing by animal id; null when the animal is not for sale. */
  activeListingByAnimalId: DataLoader<string, ListingRow | null>;
  /** The listed animal as the caller sees it; null once it is deleted or hidden from them. */
  animalById: DataLoader<string, AnimalSummary | null>;
}

export interface ListingLoaderDeps {
  db: TenantDb;
  /** The caller's tenant; null (anonymous or a service) reads nothing. */
  scope: TenantScope | null;
  /** The animal subgraph, asked as this request's caller. */
  animals: AnimalDirectory;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createListingLoaders({ db, scope, animals }: ListingLoaderDeps): ListingLoaders {
  const loadBy = (name: string, find: typeof findListingsByIds, key: (row: ListingRow) => string) =>
    measuredLoader<string, ListingRow | null>(`commerce.${name}`, async (ids) => {
      const valid = ids.filter(isUuid);
      if (!scope || valid.length === 0) return ids.map(() => null);
      const rows = await db.read(scope, (tx) => find(tx, valid));
      const byKey = new Map(rows.map((row) => [key(row), row]));
      // PostgreSQL returns ids in lowercase; an uppercase key must still find its row.
      return ids.map((id) => byKey.get(id.toLowerCase()) ?? null);
    });
  return {
    listingById: loadBy('listingById', findListingsByIds, (row) => row.id),
    activeListingByAnimalId: loadBy('activeListingByAnimalId', findActiveListingsByAnimalIds, (row) => row.animalId),
    animalById: createAnimalSummaryLoader(animals),
  };
}
