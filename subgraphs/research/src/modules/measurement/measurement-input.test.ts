import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { validMeasuredAt, validTrait, validUnit, validValue } from './measurement-input.js';

describe('validTrait', () => {
  it.each(['weight', 'fleece_weight', 'Body length', 'wither.height-cm', 'a'.repeat(64)])('accepts %j', (trait) => {
    expect(validTrait(trait)).toBe(trait);
  });

  it('trims surrounding spaces', () => {
    expect(validTrait('  weight ')).toBe('weight');
  });

  it.each(['', '   ', 'a'.repeat(65), '1weight', '_weight', 'weight!', 'wéight', 'weight\n2'])('rejects %j on the trait field', (trait) => {
    expect(rejectionOf(() => validTrait(trait))).toEqual({ code: 'BAD_USER_INPUT', field: 'trait' });
  });
});

describe('validUnit', () => {
  it.each(['kg', 'cm', '°C', 'g/day', 'x'.repeat(16)])('accepts %j', (unit) => {
    expect(validUnit(unit)).toBe(unit);
  });

  it('trims surrounding spaces', () => {
    expect(validUnit(' kg ')).toBe('kg');
  });

  it.each(['', '  ', 'x'.repeat(17), 'k\u0000g'])('rejects %j on the unit field', (unit) => {
    expect(rejectionOf(() => validUnit(unit))).toEqual({ code: 'BAD_USER_INPUT', field: 'unit' });
  });
});

describe('validValue', () => {
  it.each([0, -3.5, 1e12])('accepts %s', (value) => {
    expect(validValue(value)).toBe(value);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects %s on the value field', (value) => {
    expect(rejectionOf(() => validValue(value))).toEqual({ code: 'BAD_USER_INPUT', field: 'value' });
  });
});

describe('validMeasuredAt', () => {
  const now = new Date('2025-06-01T12:00:00Z');

  it('defaults to now', () => {
    expect(validMeasuredAt(null, now)).toEqual(now);
    expect(validMeasuredAt(undefined, now)).toEqual(now);
  });

  it.each(['2025-06-01T12:05:00Z', '2025-06-01T11:00:00Z', '1900-01-01T00:00:00Z'])('accepts %s', (at) => {
    expect(validMeasuredAt(at, now)).toEqual(new Date(at));
  });

  it('accepts a Date as the DateTime scalar parses it', () => {
    expect(validMeasuredAt(new Date('2024-01-01T00:00:00Z'), now)).toEqual(new Date('2024-01-01T00:00:00Z'));
  });

  it.each(['2025-06-01T12:05:00.001Z', '2026-01-01T00:00:00Z', '1899-12-31T23:59:59Z', 'yesterday'])('rejects %s on the measuredAt field', (at) => {
    expect(rejectionOf(() => validMeasuredAt(at, now))).toEqual({ code: 'BAD_USER_INPUT', field: 'measuredAt' });
  });
});
