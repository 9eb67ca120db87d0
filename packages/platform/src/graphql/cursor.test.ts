import { describe, expect, it } from 'vitest';
import { cursorCodec } from './cursor.js';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const invalid = (field = 'after') => expect.objectContaining({ message: 'Invalid cursor', extensions: { code: 'BAD_USER_INPUT', field } });

const page = cursorCodec<{ name: string; n: number }>({
  toParts: ({ name, n }) => [name, n],
  fromParts: ([name, n, ...rest]) => (typeof name === 'string' && Number.isSafeInteger(n) && rest.length === 0 ? { name, n: n as number } : null),
});

describe('cursorCodec', () => {
  it('round-trips a typed value through an opaque URL-safe string', () => {
    const cursor = page.encode({ name: 'Pastel', n: 7 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(page.decode(cursor)).toEqual({ name: 'Pastel', n: 7 });
  });

  it('writes version 1 as the untagged JSON array the cursors issued before it had', () => {
    expect(page.encode({ name: 'Pastel', n: 7 })).toBe(base64url(['Pastel', 7]));
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['empty', ''],
    ['non-JSON', Buffer.from('{oops').toString('base64url')],
    ['a JSON object', base64url({ name: 'Pastel', n: 7 })],
    ['parts that fail validation', base64url(['Pastel', 1.5])],
    ['a version this codec does not know', base64url(['v3', 'Pastel', 7])],
  ])('refuses %s with BAD_USER_INPUT on the field', (_, cursor) => {
    expect(() => page.decode(cursor)).toThrow(invalid());
    expect(() => page.decode(cursor, 'before')).toThrow(invalid('before'));
  });

  it('tags a later version and still decodes the cursors of the earlier ones', () => {
    const v2 = cursorCodec<{ name: string; n: number }>({
      version: 2,
      toParts: ({ name, n }) => [n, name],
      fromParts: ([n, name]) => (typeof name === 'string' && typeof n === 'number' ? { name, n } : null),
      previous: { 1: ([name, n]) => (typeof name === 'string' && typeof n === 'number' ? { name, n } : null) },
    });
    const issuedBefore = page.encode({ name: 'Clown', n: 3 });
    expect(v2.encode({ name: 'Clown', n: 3 })).toBe(base64url(['v2', 3, 'Clown']));
    expect(v2.decode(issuedBefore)).toEqual({ name: 'Clown', n: 3 });
    expect(v2.decode(v2.encode({ name: 'Clown', n: 3 }))).toEqual({ name: 'Clown', n: 3 });
  });

  it('decodes cursors of a pre-codec format through legacy, and only those', () => {
    const ids = cursorCodec<string>({
      toParts: (id) => [id],
      fromParts: ([id, ...rest]) => (typeof id === 'string' && rest.length === 0 ? id : null),
      legacy: (cursor) => (/^\d{10}$/.test(cursor) ? String(Number(cursor)) : null),
    });
    expect(ids.decode('0000000042')).toBe('42');
    expect(() => ids.decode('00042')).toThrow(invalid());
    expect(ids.decode(ids.encode('42'))).toBe('42');
  });
});
