import { badInput } from '../errors.js';
import { cursorCodec } from './cursor.js';
import { isUuid } from './ids.js';

export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 500;

export function validPageSize(first: number | null | undefined): number {
  const size = first ?? PAGE_DEFAULT;
  if (!Number.isInteger(size) || size < 1 || size > PAGE_MAX) throw badInput(`first must be between 1 and ${PAGE_MAX}`, 'first');
  return size;
}

/** Where a newest-first page stopped: the last row's creation time (millisecond precision in the schema) and id. */
export interface CreatedAtPosition {
  createdAt: Date;
  id: string;
}

const createdAtCursors = cursorCodec<CreatedAtPosition>({
  toParts: (row) => [row.createdAt.toISOString(), row.id],
  fromParts: ([createdAt, id]) => {
    const date = new Date(String(createdAt));
    const year = date.getUTCFullYear();
    if (Number.isNaN(date.getTime()) || year < 1970 || year > 9999 || typeof id !== 'string' || !isUuid(id)) return null;
    return { createdAt: date, id };
  },
});

/** Opaque cursors of a newest-first position, validated on the way back in. */
export function createdAtCursor(row: CreatedAtPosition): string {
  return createdAtCursors.encode(row);
}

export function parseCreatedAtCursor(cursor: string): CreatedAtPosition {
  return createdAtCursors.decode(cursor);
}

/** A Relay-style connection from one page of rows fetched with one extra row. */
export function toConnection<T extends CreatedAtPosition>(page: { rows: T[]; hasNextPage: boolean }) {
  const edges = page.rows.map((node) => ({ cursor: createdAtCursor(node), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
