import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { validFilter, validMeasuredAt } from './measurement-input.js';

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

describe('validFilter', () => {
  it('takes a catalog trait, trimmed, and a window', () => {
    expect(validFilter({ trait: ' body_weight ', from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' })).toEqual({
      trait: 'body_weight',
      from: new Date('2024-01-01T00:00:00Z'),
      to: new Date('2025-01-01T00:00:00Z'),
    });
    expect(validFilter({})).toEqual({ trait: null, from: null, to: null });
  });

  it('refuses a trait the catalog does not know, and a window that ends before it starts', () => {
    expect(rejectionOf(() => validFilter({ trait: 'weight' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'trait' });
    expect(rejectionOf(() => validFilter({ from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
