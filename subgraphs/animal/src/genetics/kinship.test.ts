import { describe, expect, it } from 'vitest';
import { inbreedingCoefficients } from './inbreeding.js';
import { kinship } from './kinship.js';
import { fromHerdbook, randomPedigree, shuffled, tabularRelationships } from './reference-pedigrees.test-support.js';

// Mrode, Table 2.1, and his additive relationships a_ij (= 2 × kinship), 1-based.
const MRODE = fromHerdbook([null, null, 1, 1, 4, 5], [null, null, 2, null, 3, 2]);
const MRODE_A: [number, number, number][] = [
  [1, 2, 0],
  [1, 3, 1 / 2],
  [1, 4, 1 / 2],
  [1, 5, 1 / 2],
  [1, 6, 1 / 4],
  [2, 3, 1 / 2],
  [2, 4, 0],
  [2, 5, 1 / 4],
  [2, 6, 5 / 8],
  [3, 4, 1 / 4],
  [3, 5, 5 / 8],
  [3, 6, 9 / 16],
  [4, 5, 5 / 8],
  [4, 6, 5 / 16],
  [5, 6, 11 / 16],
  [1, 1, 1],
  [2, 2, 1],
  [3, 3, 1],
  [4, 4, 1],
  [5, 5, 1.125],
  [6, 6, 1.125],
];

describe('kinship', () => {
  it('gives every additive relationship Mrode lists (a = 2 × kinship), both ways round and in any animal order', () => {
    for (let seed = 0; seed <= 3; seed++) {
      const { graph, at } = seed === 0 ? { graph: MRODE, at: Int32Array.from([0, 1, 2, 3, 4, 5]) } : shuffled(MRODE, seed);
      const f = inbreedingCoefficients(graph);
      for (const [i, j, a] of MRODE_A) {
        expect(2 * kinship(graph, at[i - 1], at[j - 1])).toBeCloseTo(a, 12);
        expect(2 * kinship(graph, at[j - 1], at[i - 1], f)).toBeCloseTo(a, 12);
      }
    }
  });

  it('gives 1/4 for full sibs and parent–offspring, 1/8 for half sibs, 1/16 for first cousins', () => {
    // 3, 4 = 1 × 2; 6 = 1 × 5; 7 = 3 × 8 and 9 = 4 × 10 are first cousins.
    const graph = fromHerdbook([0, 0, 1, 1, 0, 1, 3, 0, 4, 0], [0, 0, 2, 2, 0, 5, 8, 0, 10, 0]);
    expect(kinship(graph, 2, 3)).toBeCloseTo(1 / 4, 12);
    expect(kinship(graph, 0, 2)).toBeCloseTo(1 / 4, 12);
    expect(kinship(graph, 2, 5)).toBeCloseTo(1 / 8, 12);
    expect(kinship(graph, 6, 8)).toBeCloseTo(1 / 16, 12);
    expect(kinship(graph, 0, 1)).toBe(0);
  });

  it('equals half the tabular relationship on random inbred pedigrees, with kinship(a, a) = (1 + F_a) / 2', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const graph = randomPedigree(250, seed);
      const a = tabularRelationships(graph);
      const f = inbreedingCoefficients(graph);
      for (let k = 0; k < 300; k++) {
        const x = (k * 7919 + seed) % 250;
        const y = (k * 104729 + 3 * seed) % 250;
        expect(Math.abs(kinship(graph, x, y, f) - a[x][y] / 2)).toBeLessThan(1e-9);
      }
      for (let x = 0; x < 250; x += 17) expect(Math.abs(kinship(graph, x, x) - (1 + f[x]) / 2)).toBeLessThan(1e-12);
    }
  });

  it('rejects an index that is not an animal', () => {
    expect(() => kinship(MRODE, 0, 6)).toThrow(RangeError);
    expect(() => kinship(MRODE, -1, 0)).toThrow(RangeError);
  });
});
