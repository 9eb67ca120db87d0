import { describe, expect, it } from 'vitest';
import { typedNumber } from './coordinates';

describe('coordinates as typed', () => {
  it('reads decimal points and commas, and sends an impossible value for anything else', () => {
    expect(typedNumber(' -41.29 ')).toBe(-41.29);
    expect(typedNumber('174,78')).toBe(174.78);
    expect(typedNumber('')).toBe(999);
    expect(typedNumber('north')).toBe(999);
  });
});
