import type DataLoader from 'dataloader';
import { isUuid, measuredLoader, type TenantDb, type TenantScope } from '@studbook/platform';
import { type BreedingValueRow, findLatestBreedingValues } from './breeding-value-store.js';
import { type EvaluationRunRow, findRunsByIds } from './evaluation-run-store.js';

export interface EvaluationLoaders {
  /** The caller's organisation's runs by id; null for unknown or foreign ones. */
  runById: DataLoader<string, EvaluationRunRow | null>;
  /** An animal's values in the latest successful run of each trait; [] when none. */
  breedingValuesByAnimalId: DataLoader<string, BreedingValueRow[]>;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createEvaluationLoaders({ db, scope }: { db: TenantDb; scope: TenantScope | null }): EvaluationLoaders {
  const read = async <T>(ids: readonly string[], find: (tx: Parameters<Parameters<TenantDb['run']>[1]>[0], valid: string[]) => Promise<T[]>) => {
    const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
    return scope && valid.length > 0 ? db.run(scope, (tx) => find(tx, valid)) : [];
  };
  return {
    runById: measuredLoader('research.evaluationRunById', async (ids) => {
      const byId = new Map((await read(ids, findRunsByIds)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    breedingValuesByAnimalId: measuredLoader('research.breedingValuesByAnimalId', async (ids) => {
      const byAnimal = new Map<string, BreedingValueRow[]>();
      for (const row of await read(ids, findLatestBreedingValues)) byAnimal.set(row.animalId, [...(byAnimal.get(row.animalId) ?? []), row]);
      return ids.map((id) => byAnimal.get(id.toLowerCase()) ?? []);
    }),
  };
}
