import { describe, expect, it } from 'vitest';
import { idCursor, parseIdCursor } from './id-cursor.js';

const id = '0190a8f2-7b3c-7d4e-9f00-1a2b3c4d5e6f';
const invalid = expect.objectContaining({ message: 'Invalid cursor', extensions: { code: 'BAD_USER_INPUT', field: 'after' } });

describe('id cursors', () => {
  it('round-trip a UUID, lower-cased', () => {
    expect(parseIdCursor(idCursor(id))).toBe(id);
    expect(parseIdCursor(idCursor(id.toUpperCase()))).toBe(id);
  });

  it('still decode the cursors issued before the codec: the id itself in base64url', () => {
    expect(parseIdCursor(Buffer.from(id).toString('base64url'))).toBe(id);
  });

  it.each([
    '',
    'bogus',
    Buffer.from('not-a-uuid').toString('base64url'),
    Buffer.from(JSON.stringify([id, id])).toString('base64url'),
    Buffer.from(JSON.stringify([42])).toString('base64url'),
  ])('refuse %j on the after field', (cursor) => {
    expect(() => parseIdCursor(cursor)).toThrow(invalid);
  });
});
