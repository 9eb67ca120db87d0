import { describe, expect, it } from 'vitest';
import { pedigreeCompleteness } from './completeness.js';

/** Every position of a pedigree `generations` deep, optionally only those under one parent. */
function allPositions(generations: number, prefix = ''): string[] {
  const positions: string[] = [];
  const grow = (path: string) => {
    if (path.length > generations) return;
    if (path) positions.push(path);
    grow(path + 'S');
    grow(path + 'D');
  };
  grow('');
  return positions.filter((p) => p.startsWith(prefix));
}

describe('pedigreeCompleteness', () => {
  it('is 1 for a complete pedigree and 0 for none or for one side only', () => {
    expect(pedigreeCompleteness(new Set(allPositions(5)), 5)).toBe(1);
    expect(pedigreeCompleteness(new Set(), 5)).toBe(0);
    expect(pedigreeCompleteness(new Set(allPositions(5, 'S')), 5)).toBe(0);
  });

  it('is the harmonic mean of the two sides, each the mean share of known ancestors per generation', () => {
    // Sire side complete over 2 generations (1); dam known but not her parents: (1 + 0) / 2 = 1/2 → 2·1·½ / 1½ = 2/3.
    expect(pedigreeCompleteness(new Set(['S', 'D', 'SS', 'SD']), 2)).toBeCloseTo(2 / 3, 12);
    // Both parents and one grandparent on each side over 3 generations: each side (1 + 1/2 + 0) / 3 = 1/2.
    expect(pedigreeCompleteness(new Set(['S', 'D', 'SS', 'DD']), 3)).toBeCloseTo(1 / 2, 12);
    // Positions deeper than asked, or not positions, are ignored.
    expect(pedigreeCompleteness(new Set(['S', 'D', 'SSS', 'X', '']), 1)).toBe(1);
  });

  it('rejects a generation count that is not a positive integer', () => {
    expect(() => pedigreeCompleteness(new Set(), 0)).toThrow(RangeError);
    expect(() => pedigreeCompleteness(new Set(), 1.5)).toThrow(RangeError);
  });
});
