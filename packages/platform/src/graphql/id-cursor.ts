import { cursorCodec } from './cursor.js';
import { isUuid } from './ids.js';

const validUuid = (id: unknown) => (typeof id === 'string' && isUuid(id) ? id.toLowerCase() : null);

const idCursors = cursorCodec<string>({
  toParts: (id) => [id],
  fromParts: (parts) => (parts.length === 1 ? validUuid(parts[0]) : null),
  // Until issue 10 these cursors were the id itself in base64url; clients may still hold some.
  legacy: (cursor) => validUuid(Buffer.from(cursor, 'base64url').toString('utf8')),
});

/** The cursor of a position given by a UUID alone (ids that sort by time, such as UUIDv7 keys). */
export function idCursor(id: string): string {
  return idCursors.encode(id);
}

/** The lower-case UUID a cursor of {@link idCursor} carries; BAD_USER_INPUT "Invalid cursor" on `after` otherwise. */
export function parseIdCursor(cursor: string): string {
  return idCursors.decode(cursor);
}
