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

  it.each(['yesterday', '2024-01-15', '+099999-01-01T00:00:00Z', '0000-06-01T00:00:00Z'])('refuses %s as BAD_USER_INPUT', (value) => {
    expect(codeOf(() => DateTimeScalar.parseValue(value))).toBe('BAD_USER_INPUT');
  });
});
