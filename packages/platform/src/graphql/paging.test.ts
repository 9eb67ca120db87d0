import { describe, expect, it } from 'vitest';
import { createdAtCursor, PAGE_DEFAULT, PAGE_MAX, parseCreatedAtCursor, toConnection, validPageSize } from './paging.js';

const row = (id: string, createdAt: string) => ({ id, createdAt: new Date(createdAt), name: id });
const first = row('6f1c1f9e-4a59-4c7e-9a51-2b7d7f0e8c11', '2025-06-01T12:00:00.123Z');
const second = row('0b7c2d4e-1f3a-4b5c-8d9e-0a1b2c3d4e5f', '2025-05-31T08:30:00.000Z');
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function rejectsOn(field: string, message: string | RegExp) {
  return expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', field } });
}

describe('validPageSize', () => {
  it(`defaults to ${PAGE_DEFAULT} and accepts 1..${PAGE_MAX}`, () => {
    expect([validPageSize(null), validPageSize(undefined), validPageSize(1), validPageSize(PAGE_MAX)]).toEqual([PAGE_DEFAULT, PAGE_DEFAULT, 1, PAGE_MAX]);
  });

  it.each([0, -1, PAGE_MAX + 1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s on the first field', (size) => {
    expect(() => validPageSize(size)).toThrow(rejectsOn('first', `first must be between 1 and ${PAGE_MAX}`));
  });
});

describe('createdAt cursors', () => {
  it('round-trip the creation time to the millisecond and the id', () => {
    expect(parseCreatedAtCursor(createdAtCursor(first))).toEqual({ createdAt: first.createdAt, id: first.id });
  });

  it('are opaque URL-safe strings', () => {
    expect(createdAtCursor(first)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['empty', ''],
    ['non-JSON base64url', Buffer.from('{oops').toString('base64url')],
    ['a JSON object', base64url({ createdAt: '2025-06-01T12:00:00Z', id: first.id })],
    ['a bad date', base64url(['yesterday', first.id])],
    ['a non-UUID id', base64url(['2025-06-01T12:00:00Z', "1' or '1'='1"])],
    ['a numeric id', base64url(['2025-06-01T12:00:00Z', 42])],
    ['a missing id', base64url(['2025-06-01T12:00:00Z'])],
    ['a year PostgreSQL cannot store', base64url(['99999', first.id])],
    ['a year before any row', base64url(['1900-01-01T00:00:00Z', first.id])],
  ])('reject %s on the after field', (_, cursor) => {
    expect(() => parseCreatedAtCursor(cursor)).toThrow(rejectsOn('after', /^Invalid cursor$/));
  });
});

describe('toConnection', () => {
  it('gives each row its cursor and ends at the last one', () => {
    const connection = toConnection({ rows: [first, second], hasNextPage: true });
    expect(connection.edges).toEqual([
      { cursor: createdAtCursor(first), node: first },
      { cursor: createdAtCursor(second), node: second },
    ]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: createdAtCursor(second) });
  });

  it('has no end cursor for an empty page', () => {
    expect(toConnection({ rows: [], hasNextPage: false })).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});
