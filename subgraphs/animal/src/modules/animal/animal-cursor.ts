import { badInput, createdAtCursor, cursorCodec, isUuid, parseCreatedAtCursor } from '@studbook/platform';
import type { AnimalRow } from './animal-row.js';

/** Where a page of `animals` stopped, in the terms of its sort: the last row's sort key and id. */
export type AnimalPosition =
  | { sort: 'NEWEST'; createdAt: Date; id: string }
  | { sort: 'NAME'; name: string; id: string }
  | { sort: 'HATCH_DATE'; hatchDate: string | null; id: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// NEWEST keeps the createdAt cursor every client has had; the others are tagged by their sort, so a
// cursor of one sort never silently pages another.
const byName = cursorCodec<{ name: string; id: string }>({
  toParts: ({ name, id }) => ['name', name, id],
  fromParts: ([tag, name, id]) => (tag === 'name' && typeof name === 'string' && typeof id === 'string' && isUuid(id) ? { name, id } : null),
});

const byHatchDate = cursorCodec<{ hatchDate: string | null; id: string }>({
  toParts: ({ hatchDate, id }) => ['hatch', hatchDate, id],
  fromParts: ([tag, hatchDate, id]) =>
    tag === 'hatch' && (hatchDate === null || (typeof hatchDate === 'string' && DATE.test(hatchDate))) && typeof id === 'string' && isUuid(id)
      ? { hatchDate: hatchDate as string | null, id }
      : null,
});

export function animalCursor(sort: AnimalPosition['sort'], row: AnimalRow): string {
  if (sort === 'NAME') return byName.encode({ name: row.name, id: row.id });
  if (sort === 'HATCH_DATE') return byHatchDate.encode({ hatchDate: row.hatchDate, id: row.id });
  return createdAtCursor(row);
}

/** The position an `after` cursor names, for this sort; BAD_USER_INPUT on `after` for a cursor of another sort or none of ours. */
export function parseAnimalCursor(sort: AnimalPosition['sort'], cursor: string): AnimalPosition {
  const decoders: Record<AnimalPosition['sort'], () => AnimalPosition> = {
    NEWEST: () => ({ sort: 'NEWEST', ...parseCreatedAtCursor(cursor) }),
    NAME: () => ({ sort: 'NAME', ...byName.decode(cursor) }),
    HATCH_DATE: () => ({ sort: 'HATCH_DATE', ...byHatchDate.decode(cursor) }),
  };
  try {
    return decoders[sort]();
  } catch (error) {
    const fromAnotherSort = (Object.keys(decoders) as AnimalPosition['sort'][]).some((other) => other !== sort && decodes(decoders[other]));
    if (fromAnotherSort) throw badInput('This cursor belongs to another sort order; page again from the start', 'after');
    throw error;
  }
}

function decodes(decode: () => AnimalPosition): boolean {
  try {
    decode();
    return true;
  } catch {
    return false;
  }
}
