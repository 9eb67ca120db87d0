import { describe, expect, it } from 'vitest';
import { inbreedingCoefficients } from './inbreeding.js';
import { meuwissenLuoInbreeding } from './meuwissen-luo.js';
import type { PedigreeGraph } from './pedigree-graph.js';
import { fromHerdbook, randomPedigree, shuffled, tabularRelationships } from './reference-pedigrees.test-support.js';
import { DEFAULT_HERD_DESIGN, simulateHerd } from './simulated-herd.js';

const EXACT = 1e-9;

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > EXACT) expect.fail(`animal ${i}: F = ${actual[i]}, expected ${expected[i]}`);
  }
}

// Mrode, Linear Models for the Prediction of Animal Breeding Values, Table 2.1.
const MRODE = fromHerdbook([null, null, 1, 1, 4, 5], [null, null, 2, null, 3, 2]);
const MRODE_F = [0, 0, 0, 0, 0.125, 0.125];
// R package FnR example.
const FNR = fromHerdbook([0, 0, 0, 2, 2, 0, 4, 6, 0, 6, 10, 10], [0, 0, 0, 1, 1, 0, 3, 5, 7, 8, 9, 0]);
const FNR_F = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.25, 0.015625, 0];

/** Founders 1, 2; then pairs of full sibs mated for `generations` generations: animals 2k+3, 2k+4 are the k-th generation's pair. */
function repeatedFullSibMating(generations: number): PedigreeGraph {
  const sire: number[] = [0, 0];
  const dam: number[] = [0, 0];
  for (let k = 0; k < generations; k++) {
    const [s, d] = k === 0 ? [1, 2] : [2 * k + 1, 2 * k + 2];
    sire.push(s, s);
    dam.push(d, d);
  }
  return fromHerdbook(sire, dam);
}

describe('inbreedingCoefficients', () => {
  it("reproduces Mrode's Table 2.1 (animals 5 and 6 inbred, 1/8 each)", () => {
    expectClose(inbreedingCoefficients(MRODE), MRODE_F);
  });

  it('reproduces the FnR package example', () => {
    expectClose(inbreedingCoefficients(FNR), FNR_F);
  });

  it('gives the closed forms for offspring of full sibs, half sibs and first cousins', () => {
    // 3, 4 = 1 × 2 (full sibs); 7 = 3 × 5 and 8 = 4 × 6 are first cousins; 9 = 7 × 8; 10 = 3 × 4;
    // 12 = 1 × 11 is a half sib of 3; 13 = 3 × 12. Founders: 1, 2, 5, 6, 11.
    const graph = fromHerdbook([0, 0, 1, 1, 0, 0, 3, 4, 7, 3, 0, 1, 3], [0, 0, 2, 2, 0, 0, 5, 6, 8, 4, 0, 11, 12]);
    const f = inbreedingCoefficients(graph);
    expect(f[9]).toBeCloseTo(1 / 4, 12);
    expect(f[12]).toBeCloseTo(1 / 8, 12);
    expect(f[8]).toBeCloseTo(1 / 16, 12);
  });

  it('gives 1/4, 3/8, 1/2, 19/32 for successive generations of full-sib mating', () => {
    const f = inbreedingCoefficients(repeatedFullSibMating(5));
    // Generation k's pair sits at indices 2k+2, 2k+3 (0-based); the first pair's parents are unrelated founders.
    expectClose([f[4], f[6], f[8], f[10]], [0.25, 3 / 8, 0.5, 19 / 32]);
    expect(f[5]).toBe(f[4]);
  });

  it('does not depend on the order animals are given in', () => {
    for (const [graph, expected] of [
      [MRODE, MRODE_F],
      [FNR, FNR_F],
    ] as const) {
      for (let seed = 1; seed <= 5; seed++) {
        const { graph: mixed, at } = shuffled(graph, seed);
        const f = inbreedingCoefficients(mixed);
        expectClose(
          expected.map((_, i) => f[at[i]]),
          expected,
        );
      }
    }
  });

  it('terminates on a corrupt pedigree with loops, treating the link that closes each loop as unknown', () => {
    // Mrode's pedigree with animal 1's sire set to its grandson 5, animal 7 its own dam, and 8 and 9 each other's sire.
    const sire = Int32Array.from([4, ...MRODE.sire.slice(1), -1, 8, 7]);
    const dam = Int32Array.from([...MRODE.dam, 6, -1, -1]);
    const f = inbreedingCoefficients({ sire, dam });
    expect(f.length).toBe(9);
    for (const value of f) expect(value >= 0 && value <= 1).toBe(true);
    expect([f[6], f[7], f[8]]).toEqual([0, 0, 0]);
    // Once the closing links are dropped the rest is an ordinary pedigree: the same F as plain Meuwissen & Luo on it.
    expectClose(f, meuwissenLuoInbreeding({ sire, dam }));
  });

  it('matches the full tabular relationship matrix on random inbred pedigrees (exact to 1e-9)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const graph = randomPedigree(300, seed, { window: 6 + seed });
      const a = tabularRelationships(graph);
      expectClose(
        inbreedingCoefficients(graph),
        a.map((row, i) => row[i] - 1),
      );
    }
  });

  it('matches the tabular method and plain Meuwissen & Luo on simulated herds', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { graph } = simulateHerd({ ...DEFAULT_HERD_DESIGN, animals: 600, generations: 12, sireShare: 0.05, seed });
      const a = tabularRelationships(graph);
      const f = inbreedingCoefficients(graph);
      expectClose(
        f,
        a.map((row, i) => row[i] - 1),
      );
      expectClose(meuwissenLuoInbreeding(graph), f);
      expect(Math.max(...f)).toBeGreaterThan(0.1);
    }
  });

  it('handles empty pedigrees and rejects malformed ones', () => {
    expect(inbreedingCoefficients({ sire: new Int32Array(0), dam: new Int32Array(0) }).length).toBe(0);
    expect(() => inbreedingCoefficients({ sire: Int32Array.of(-1, 5), dam: Int32Array.of(-1, -1) })).toThrow(RangeError);
    expect(() => inbreedingCoefficients({ sire: Int32Array.of(-1), dam: Int32Array.of(-1, -1) })).toThrow(RangeError);
  });
});
