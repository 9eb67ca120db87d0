import { asc, eq, inArray, sql } from 'drizzle-orm';
import { animals, clutches, clutchHatchlings } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import type { AnimalRow } from '../animal/animal-row.js';
import type { ClutchRow } from './breeding-row.js';

export type ClutchChanges = Partial<Pick<ClutchRow, 'fertileCount' | 'hatchedCount'>>;

export function findClutchesByIds(tx: Tx, ids: readonly string[]): Promise<ClutchRow[]> {
  return tx
    .select()
    .from(clutches)
    .where(inArray(clutches.id, [...ids]));
}

export async function insertClutch(tx: Tx, clutch: Pick<ClutchRow, 'sessionId' | 'laidAt' | 'eggCount'>): Promise<ClutchRow> {
  const [row] = await tx.insert(clutches).values(clutch).returning();
  return row;
}

export async function updateClutch(tx: Tx, id: string, changes: ClutchChanges): Promise<ClutchRow> {
  const [row] = await tx
    .update(clutches)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(clutches.id, id))
    .returning();
  return row;
}

export async function linkHatchlings(tx: Tx, clutchId: string, animalIds: readonly string[]): Promise<void> {
  if (animalIds.length === 0) return;
  await tx.insert(clutchHatchlings).values(animalIds.map((animalId, i) => ({ clutchId, animalId, ordinal: i + 1 })));
}

/** The hatchlings of these clutches that RLS lets the caller see, each clutch's in hatching order. */
export function findHatchlingsOfClutches(tx: Tx, clutchIds: readonly string[]): Promise<{ clutchId: string; animal: AnimalRow }[]> {
  return tx
    .select({ clutchId: clutchHatchlings.clutchId, animal: animals })
    .from(clutchHatchlings)
    .innerJoin(animals, eq(animals.id, clutchHatchlings.animalId))
    .where(inArray(clutchHatchlings.clutchId, [...clutchIds]))
    .orderBy(asc(clutchHatchlings.clutchId), asc(clutchHatchlings.ordinal));
}
