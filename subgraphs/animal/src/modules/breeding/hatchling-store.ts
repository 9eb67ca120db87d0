import { animals } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import type { AnimalRow } from '../animal/animal-row.js';

export type NewHatchling = Pick<AnimalRow, 'name' | 'speciesId' | 'hatchDate' | 'sireId' | 'damId'>;

/** Registers a clutch's hatchlings as private animals of unknown sex, in one statement, in the given order. */
export function insertHatchlings(tx: Tx, hatchlings: readonly NewHatchling[]): Promise<AnimalRow[]> {
  if (hatchlings.length === 0) return Promise.resolve([]);
  return tx
    .insert(animals)
    .values(hatchlings.map((hatchling) => ({ ...hatchling, sex: 'UNKNOWN' as const, visibility: 'PRIVATE' as const })))
    .returning();
}
