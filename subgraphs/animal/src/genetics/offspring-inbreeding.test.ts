import { describe, expect, it } from 'vitest';
import { inbreedingCoefficients } from './inbreeding.js';
import { kinship } from './kinship.js';
import { offspringInbreeding } from './offspring-inbreeding.js';
import type { PedigreeGraph } from './pedigree-graph.js';
import { fromHerdbook, randomPedigree, wrightPathSums } from './reference-pedigrees.test-support.js';
import { DEFAULT_HERD_DESIGN, simulateHerd } from './simulated-herd.js';

const MRODE = fromHerdbook([null, null, 1, 1, 4, 5], [null, null, 2, null, 3, 2]);

function ancestorsOf(graph: PedigreeGraph, animal: number): Set<number> {
  const found = new Set<number>([animal]);
  const pending = [animal];
  while (pending.length) {
    const x = pending.pop()!;
    for (const parent of [graph.sire[x], graph.dam[x]]) if (parent >= 0 && !found.has(parent)) found.add(parent), pending.push(parent);
  }
  return found;
}

describe('offspringInbreeding', () => {
  it("credits each shared parent of a full-sib pair with 1/8, and a half-sib pair's shared sire with all 1/8", () => {
    // 3, 4 = 1 × 2; 6 = 1 × 5.
    const graph = fromHerdbook([0, 0, 1, 1, 0, 1], [0, 0, 2, 2, 0, 5]);
    expect(offspringInbreeding(graph, 2, 3)).toEqual({
      coefficient: 0.25,
      contributions: [
        { ancestor: 0, contribution: 0.125 },
        { ancestor: 1, contribution: 0.125 },
      ],
      attribution: 'wright',
    });
    expect(offspringInbreeding(graph, 2, 5).contributions).toEqual([{ ancestor: 0, contribution: 0.125 }]);
    expect(offspringInbreeding(graph, 0, 4)).toEqual({ coefficient: 0, contributions: [], attribution: 'wright' });
  });

  it('names the sire himself for a father × daughter mating, weighted by his own inbreeding', () => {
    // Mrode: 5 is inbred (F = 1/8) and 6 is his daughter; the path 5 → 6 gives (1/2)^2 (1 + 1/8), the path via 2 gives (1/2)^4.
    const preview = offspringInbreeding(MRODE, 4, 5);
    expect(preview.coefficient).toBeCloseTo(11 / 32, 12);
    expect(preview.contributions.map((c) => c.ancestor)).toEqual([4, 1]);
    expect(preview.contributions[0].contribution).toBeCloseTo(0.25 * 1.125, 12);
    expect(preview.contributions[1].contribution).toBeCloseTo(1 / 16, 12);
  });

  it('gives the kinship as coefficient, largest contribution first, summing to it, and only for ancestors of both', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const graph = randomPedigree(200, seed);
      const f = inbreedingCoefficients(graph);
      for (let k = 0; k < 40; k++) {
        const sire = (k * 37 + seed) % 200;
        const dam = (k * 91 + 5 * seed) % 200;
        const preview = offspringInbreeding(graph, sire, dam, f);
        expect(Math.abs(preview.coefficient - kinship(graph, sire, dam, f))).toBeLessThan(1e-12);
        const sum = preview.contributions.reduce((total, c) => total + c.contribution, 0);
        expect(Math.abs(sum - preview.coefficient)).toBeLessThan(1e-12);
        const ofDam = ancestorsOf(graph, dam);
        const both = [...ancestorsOf(graph, sire)].filter((a) => ofDam.has(a));
        for (const c of preview.contributions) expect(both).toContain(c.ancestor);
        for (let i = 1; i < preview.contributions.length; i++) {
          expect(preview.contributions[i].contribution).toBeLessThanOrEqual(preview.contributions[i - 1].contribution);
        }
      }
    }
  });

  it("splits F exactly as Wright's path method does, ancestor by ancestor", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const graph = randomPedigree(24, seed, { window: 5, unknown: 0.15 });
      const f = inbreedingCoefficients(graph);
      for (let sire = 0; sire < 24; sire += 3) {
        for (let dam = 1; dam < 24; dam += 4) {
          const expected = wrightPathSums(graph, sire, dam, f);
          const preview = offspringInbreeding(graph, sire, dam, f);
          const got = new Map(preview.contributions.map((c) => [c.ancestor, c.contribution]));
          for (const [ancestor, value] of expected) expect(Math.abs((got.get(ancestor) ?? 0) - value)).toBeLessThan(1e-12);
          for (const ancestor of got.keys()) expect(expected.has(ancestor)).toBe(true);
        }
      }
    }
  });

  it('falls back to the Mendelian-sampling split (still exact, still summing to F) when the pedigree is too entangled', () => {
    const { graph } = simulateHerd({ ...DEFAULT_HERD_DESIGN, animals: 3000, generations: 15, seed: 7 });
    const f = inbreedingCoefficients(graph);
    // The parents of the most inbred animal: a pairing with many common ancestors.
    const mostInbred = f.indexOf(Math.max(...f));
    const [sire, dam] = [graph.sire[mostInbred], graph.dam[mostInbred]];
    const wright = offspringInbreeding(graph, sire, dam, f);
    const fallback = offspringInbreeding(graph, sire, dam, f, { maxWork: 10 });
    expect(wright.attribution).toBe('wright');
    expect(fallback.attribution).toBe('mendelian-sampling');
    expect(Math.abs(fallback.coefficient - wright.coefficient)).toBeLessThan(1e-12);
    expect(Math.abs(fallback.contributions.reduce((t, c) => t + c.contribution, 0) - fallback.coefficient)).toBeLessThan(1e-12);
    expect(wright.coefficient).toBeCloseTo(f[mostInbred], 12);
    expect(fallback.contributions.length).toBeGreaterThan(wright.contributions.length);
  });

  it('treats an animal paired with itself as selfing: F = (1 + F_animal) / 2', () => {
    expect(offspringInbreeding(MRODE, 4, 4)).toEqual({ coefficient: 0.5625, contributions: [{ ancestor: 4, contribution: 0.5625 }], attribution: 'wright' });
  });
});
