import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../tests/support/rejection.js';
import { DateScalar, DateTimeScalar } from './scalars.js';

const codeOf = (parse: () => unknown) => rejectionOf(parse)?.code;

describe('the Date scalar', () => {
  it('accepts real calendar dates', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(DateScalar.parseValue('0001-01-01')).toBe('0001-01-01');
  });

  it.each(['2023-02-29', '2021-02-30', '0000-01-01', '2024-1-5', '20240105', 42, null])('refuses %s as BAD_USER_INPUT', (value) => {
    expect(codeOf(() => DateScalar.parseValue(value))).toBe('BAD_USER_INPUT');
  });
});

describe('the DateTime scalar', () => {
  it('accepts ISO timestamps and serialises to UTC', () => {
    expect((DateTimeScalar.parseValue('2024-01-15T10:00:00+02:00') as Date).toISOString()).toBe('2024-01-15T08:00:00.000Z');
    expect(DateTimeScalar.serialize(new Date('2024-01-15T08:00:00Z'))).toBe('2024-01-15T08:00:00.000Z');
  });

  it.each([
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['2024-01-15T10:00:00.5Z', '2024-01-15T10:00:00.500Z'],
    ['2024-01-15T10:00:00.123456789Z', '2024-01-15T10:00:00.123Z'],
    ['2024-01-15T10:00:00.57Z', '2024-01-15T10:00:00.570Z'],
    ['2024-01-15t10:00:00z', '2024-01-15T10:00:00.000Z'],
    ['2024-01-01T01:30:00+05:30', '2023-12-31T20:00:00.000Z'],
    ['2024-12-31T23:00:00-01:00', '2025-01-01T00:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads the RFC 3339 instant %s as %s', (text, utc) => {
    expect((DateTimeScalar.parseValue(text) as Date).toISOString()).toBe(utc);
  });

  it.each([
    'yesterday',
    '2024-01-15',
    '+099999-01-01T00:00:00Z',
    '0000-06-01T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2023-02-29T10:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-00-10T10:00:00Z',
    '2026-01-00T10:00:00Z',
    '2026-01-15T24:00:00Z',
    '2026-01-15T23:60:00Z',
    '2026-12-31T23:59:60Z',
    '2026-01-15T10:00:00+24:00',
    '2026-01-15T10:00:00+01:60',
    '2026-01-15T10:00Z',
    '2026-01-15T10:00:00',
    '2026-01-15 10:00:00Z',
    '2026-01-15T10:00:00.Z',
    '2026-01-15T10:00:00+0100',
    '2026-1-15T10:00:00Z',
    '0001-01-01T00:30:00+01:00',
    '2026-01-15T10:00:00Z\n',
    1_700_000_000_000,
    null,
  ])('refuses %j as BAD_USER_INPUT', (value) => {
    expect(codeOf(() => DateTimeScalar.parseValue(value))).toBe('BAD_USER_INPUT');
  });

  it('holds literals in documents to the same rule', () => {
    expect(codeOf(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2026-02-30T10:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect((DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2026-02-28T10:00:00Z' }) as Date).toISOString()).toBe('2026-02-28T10:00:00.000Z');
  });
});
