import type { AnimalRow } from './animal-row.js';
import type { NamedAncestorRow } from './animal-store.js';

/**
 * Another organisation's LINEAGE animal as the caller may see it: named where it stands in the
 * lineage of an animal the caller can see, and nothing else. Such a row carries only the name,
 * sex, species and parents; every other field resolves to null (or an empty list), whichever
 * module resolves it. `via` is the visible animal it was reached from, through which its own
 * parents may be named in turn.
 */
const viaOf = new WeakMap<AnimalRow, string>();

export function lineageOnlyAnimal(named: NamedAncestorRow, via: string): AnimalRow {
  const row: AnimalRow = {
    ...named,
    tenantId: '',
    hatchDate: null,
    visibility: 'LINEAGE',
    externalId: null,
    status: 'ACTIVE',
    deceasedAt: null,
    description: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
  viaOf.set(row, via);
  return row;
}

/** True for a row that only names another organisation's lineage-only animal. */
export function isLineageOnly(animal: AnimalRow): boolean {
  return viaOf.has(animal);
}

/** The visible animal whose lineage this one is named in: itself when the caller can see it. */
export function lineageRootOf(animal: AnimalRow): string {
  return viaOf.get(animal) ?? animal.id;
}

/** Runs `resolve` for an animal the caller can see; a lineage-only one gets `hidden` instead. */
export function unlessLineageOnly<T, H>(animal: AnimalRow, hidden: H, resolve: () => T): T | H {
  return isLineageOnly(animal) ? hidden : resolve();
}
