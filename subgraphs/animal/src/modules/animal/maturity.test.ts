import { describe, expect, it } from 'vitest';
import { maturityOf } from './maturity.js';

const ballPython = { juvenileFromDays: 90, subadultFromDays: 365, adultFromDays: 1095 };

describe('maturityOf', () => {
  it('steps through the species thresholds by age in days', () => {
    const at = (hatchDate: string) => maturityOf({ hatchDate, status: 'ACTIVE' }, ballPython, '2026-01-01');
    expect(at('2026-01-01')).toBe('HATCHLING');
    expect(at('2025-10-04')).toBe('HATCHLING'); // 89 days
    expect(at('2025-10-03')).toBe('JUVENILE'); // 90 days
    expect(at('2025-01-02')).toBe('JUVENILE'); // 364 days
    expect(at('2025-01-01')).toBe('SUBADULT'); // 365 days
    expect(at('2023-01-03')).toBe('SUBADULT'); // 1094 days
    expect(at('2023-01-02')).toBe('ADULT'); // 1095 days
  });

  it('is null without a hatch date or once the animal is dead', () => {
    expect(maturityOf({ hatchDate: null, status: 'ACTIVE' }, ballPython, '2026-01-01')).toBeNull();
    expect(maturityOf({ hatchDate: '2020-01-01', status: 'DECEASED' }, ballPython, '2026-01-01')).toBeNull();
  });
});
