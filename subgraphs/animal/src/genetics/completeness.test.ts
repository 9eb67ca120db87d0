import { describe, expect, it } from 'vitest';
import { pedigreeCompleteness, pedigreeCompletenessOf } from './completeness.js';
import { randomPedigree } from './reference-pedigrees.test-support.js';

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

  it('gives the same index from a graph as from the positions the graph fills, for inbred pedigrees too', () => {
    const graph = randomPedigree(120, 3, { window: 6, unknown: 0.2 });
    for (let animal = 0; animal < 120; animal += 7) {
      for (const generations of [1, 3, 6]) {
        const positions = new Set<string>();
        const walk = (index: number, path: string) => {
          if (path.length > generations) return;
          if (path) positions.add(path);
          if (graph.sire[index] >= 0) walk(graph.sire[index], path + 'S');
          if (graph.dam[index] >= 0) walk(graph.dam[index], path + 'D');
        };
        walk(animal, '');
        expect(pedigreeCompletenessOf(graph, animal, generations)).toBeCloseTo(pedigreeCompleteness(positions, generations), 12);
      }
    }
  });

  it('stays fast 30 generations deep in a heavily inbred pedigree', () => {
    const graph = randomPedigree(2000, 5, { window: 4, unknown: 0 });
    const value = pedigreeCompletenessOf(graph, 1999, 30);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThanOrEqual(1);
  });
});
