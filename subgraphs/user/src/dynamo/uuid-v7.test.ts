import { describe, expect, it } from 'vitest';
import { isUuid } from '@studbook/platform';
import { uuidV7 } from './uuid-v7.js';

describe('uuidV7', () => {
  it('is a version-7 UUID whose text sorts by creation time', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((ms) => uuidV7(ms));
    for (const id of ids) {
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => uuidV7())).size).toBe(1000);
  });
});
