import type DataLoader from 'dataloader';
import { createAnimalSummaryLoader, type AnimalDirectory, type AnimalSummary } from '@studbook/contracts/animal-directory';
import { isUuid, measuredLoader, type TenantDb, type TenantScope, type Tx } from '@studbook/platform';
import { findMeasurementsByAnimalIds, findMeasurementsByIds, type MeasurementFilter, type MeasurementRow } from './measurement-store.js';

export interface MeasurementLoaders {
  /** The caller's organisation's measurements by id, and those a project grant shares with them; null for the rest. */
  measurementById: DataLoader<string, MeasurementRow | null>;
  /**
   * The caller's organisation's measurements of an animal that pass the filter, oldest first; [] when
   * none. One loader per filter, so a page of animals asking the same question costs one statement.
   */
  measurementsByAnimalId(filter: MeasurementFilter): DataLoader<string, MeasurementRow[]>;
  /** The measured animal as the caller sees it; null once it is deleted or hidden from them. */
  animalById: DataLoader<string, AnimalSummary | null>;
}

export interface MeasurementLoaderDeps {
  db: TenantDb;
  /** The caller's tenant; null (anonymous or a service) reads nothing. */
  scope: TenantScope | null;
  /** The animal subgraph, asked as this request's caller. */
  animals: AnimalDirectory;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createMeasurementLoaders({ db, scope, animals }: MeasurementLoaderDeps): MeasurementLoaders {
  const readValid = async <T>(ids: readonly string[], find: (tx: Tx, valid: string[]) => Promise<T[]>) => {
    const valid = ids.filter(isUuid);
    return scope && valid.length > 0 ? db.read(scope, (tx) => find(tx, valid)) : [];
  };
  const byFilter = new Map<string, DataLoader<string, MeasurementRow[]>>();
  return {
    measurementById: measuredLoader('research.measurementById', async (ids) => {
      const byId = new Map((await readValid(ids, findMeasurementsByIds)).map((row) => [row.id, row]));
      // PostgreSQL returns ids in lowercase; an uppercase key must still find its row.
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    measurementsByAnimalId(filter) {
      const key = JSON.stringify(filter);
      let loader = byFilter.get(key);
      if (!loader) {
        loader = measuredLoader('research.measurementsByAnimalId', async (animalIds) => {
          const byAnimal = new Map<string, MeasurementRow[]>();
          for (const row of await readValid(animalIds, (tx, valid) => findMeasurementsByAnimalIds(tx, valid, filter))) {
            const rows = byAnimal.get(row.animalId);
            if (rows) rows.push(row);
            else byAnimal.set(row.animalId, [row]);
          }
          return animalIds.map((id) => byAnimal.get(id.toLowerCase()) ?? []);
        });
        byFilter.set(key, loader);
      }
      return loader;
    },
    animalById: createAnimalSummaryLoader(animals),
  };
}
