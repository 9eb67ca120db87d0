import type DataLoader from 'dataloader';
import type { AnimalSummary } from '@studbook/contracts/animal-directory';
import { isUuid, measuredLoader, type TenantDb, type TenantScope } from '@studbook/platform';
import { type BreedingValueRow, findLatestBreedingValues } from './breeding-value-store.js';
import { type EvaluationRunRow, findRunsByIds } from './evaluation-run-store.js';

export interface EvaluationLoaders {
  /** Runs the caller can see by id (their organisation's, their projects'); null for unknown or foreign ones. */
  runById: DataLoader<string, EvaluationRunRow | null>;
  /**
   * An animal's values in the latest successful run of each trait of a scope (null: the caller's organisation; else a
   * project id); [] when none.
   */
  breedingValuesOf(projectId: string | null): DataLoader<string, BreedingValueRow[]>;
}

/**
 * Built fresh for every request, so nothing cached outlives the caller's permissions. `animalById` is the caller's view of
 * animals (the animal subgraph, as the caller).
 */
export function createEvaluationLoaders({
  db,
  scope,
  animalById,
}: {
  db: TenantDb;
  scope: TenantScope | null;
  animalById: DataLoader<string, AnimalSummary | null>;
}): EvaluationLoaders {
  const read = async <T>(ids: readonly string[], find: (tx: Parameters<Parameters<TenantDb['run']>[1]>[0], valid: string[]) => Promise<T[]>) => {
    const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
    return scope && valid.length > 0 ? db.read(scope, (tx) => find(tx, valid)) : [];
  };
  const byScope = new Map<string, DataLoader<string, BreedingValueRow[]>>();
  const valuesLoader = (projectId: string | null) =>
    measuredLoader<string, BreedingValueRow[]>('research.breedingValuesByAnimalId', async (ids) => {
      let rows = await read(ids, (tx, valid) => findLatestBreedingValues(tx, projectId, valid));
      if (projectId && rows.length > 0) {
        // A project's values cover every member's shared animals: each reader gets those of animals they can see now
        // (a revoked grant, a private animal of a member's own organisation that is not shared, hide theirs).
        const seen = await animalById.loadMany([...new Set(rows.map((row) => row.animalId))]);
        const visible = new Set(seen.flatMap((animal) => (animal && !(animal instanceof Error) ? [animal.id] : [])));
        rows = rows.filter((row) => visible.has(row.animalId));
      }
      const byAnimal = new Map<string, BreedingValueRow[]>();
      for (const row of rows) byAnimal.set(row.animalId, [...(byAnimal.get(row.animalId) ?? []), row]);
      return ids.map((id) => byAnimal.get(id.toLowerCase()) ?? []);
    });
  return {
    runById: measuredLoader('research.evaluationRunById', async (ids) => {
      const byId = new Map((await read(ids, findRunsByIds)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    breedingValuesOf(projectId) {
      const key = projectId ?? '';
      let loader = byScope.get(key);
      if (!loader) byScope.set(key, (loader = valuesLoader(projectId)));
      return loader;
    },
  };
}
