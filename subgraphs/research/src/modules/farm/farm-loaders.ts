import DataLoader from 'dataloader';
import { isUuid, type TenantDb, type TenantScope, type Tx } from '@studbook/platform';
import {
  findAssignmentsByAnimalIds,
  findFarmsByIds,
  findGroupsByFarmIds,
  findGroupsByIds,
  findMonthlyMeans,
  type AssignmentRow,
  type FarmRow,
  type GroupRow,
  type MonthlyMeanRow,
} from './farm-store.js';

export interface FarmLoaders {
  /** The caller's organisation's farms by id; null for unknown or foreign ones. */
  farmById: DataLoader<string, FarmRow | null>;
  groupById: DataLoader<string, GroupRow | null>;
  /** A farm's groups by name. */
  groupsByFarmId: DataLoader<string, GroupRow[]>;
  /** An animal's assignments to the caller's farms, most recent first. */
  assignmentsByAnimalId: DataLoader<string, AssignmentRow[]>;
  /** A group's monthly means of one trait in [from, to); one loader per question, so a farm's groups cost one statement. */
  monthlyMeansByGroupId(trait: string, from: Date, to: Date): DataLoader<string, MonthlyMeanRow[]>;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createFarmLoaders({ db, scope }: { db: TenantDb; scope: TenantScope | null }): FarmLoaders {
  const read = async <T>(ids: readonly string[], find: (tx: Tx, valid: string[]) => Promise<T[]>) => {
    const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
    return scope && valid.length > 0 ? db.read(scope, (tx) => find(tx, valid)) : [];
  };
  const one = <T extends { id: string }>(find: (tx: Tx, valid: string[]) => Promise<T[]>) =>
    new DataLoader<string, T | null>(async (ids) => {
      const byId = new Map((await read(ids, find)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    });
  const many = <T>(find: (tx: Tx, valid: string[]) => Promise<T[]>, keyOf: (row: T) => string) =>
    new DataLoader<string, T[]>(async (ids) => {
      const byKey = new Map<string, T[]>();
      for (const row of await read(ids, find)) {
        const rows = byKey.get(keyOf(row));
        if (rows) rows.push(row);
        else byKey.set(keyOf(row), [row]);
      }
      return ids.map((id) => byKey.get(id.toLowerCase()) ?? []);
    });
  const meansByQuestion = new Map<string, DataLoader<string, MonthlyMeanRow[]>>();
  return {
    monthlyMeansByGroupId(trait, from, to) {
      const key = JSON.stringify([trait, from, to]);
      let loader = meansByQuestion.get(key);
      if (!loader)
        meansByQuestion.set(
          key,
          (loader = many(
            (tx, groupIds) => findMonthlyMeans(tx, groupIds, trait, from, to),
            (row) => row.groupId,
          )),
        );
      return loader;
    },
    farmById: one(findFarmsByIds),
    groupById: one(findGroupsByIds),
    groupsByFarmId: many(findGroupsByFarmIds, (row) => row.farmId),
    assignmentsByAnimalId: many(findAssignmentsByAnimalIds, (row) => row.animalId),
  };
}
