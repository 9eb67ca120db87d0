import { describe, expect, it } from 'vitest';
import type { AnimalModelInput } from './animal-model.js';
import { evaluateAnimalModel } from './evaluate-animal-model.js';
import { seededRandom } from './seeded-random.js';

/**
 * The engine against the textbook construction of the same equations: A by the tabular method (no Henderson rules, no
 * separate F), inverted, X and Z as dense incidence matrices, the whole system solved and inverted by Gauss–Jordan.
 */
function randomDataset(seed: number): AnimalModelInput {
  const random = seededRandom(seed);
  const int = (below: number) => Math.floor(random() * below);
  const n = 40 + int(60);
  const sire = new Int32Array(n);
  const dam = new Int32Array(n);
  // Ids shuffled against birth order: parents may have larger ids than their offspring.
  const id = Int32Array.from({ length: n }, (_, i) => i + 1);
  for (let k = n - 1; k > 0; k--) {
    const j = int(k + 1);
    [id[k], id[j]] = [id[j], id[k]];
  }
  for (let birth = 0; birth < n; birth++) {
    if (birth < 6) continue; // founders
    // A few old parents mated often make inbreeding; some parents are unknown.
    const pick = () => (random() < 0.5 ? int(Math.min(birth, 8)) : int(birth));
    const s = pick();
    let d = pick();
    if (d === s) d = (s + 1) % birth;
    if (random() > 0.15) sire[id[birth] - 1] = id[s];
    if (random() > 0.15) dam[id[birth] - 1] = id[d];
  }
  const recordCount = Math.floor(n * 0.8);
  const animal = Int32Array.from({ length: recordCount }, () => 1 + int(n)); // some animals get two records, some none
  const value = Float64Array.from({ length: recordCount }, () => 20 + 5 * (random() - 0.5) * 2);
  const factor = (name: string, levels: number) => ({ name, levels, levelOfRecord: Int32Array.from({ length: recordCount }, () => int(levels)) });
  return {
    pedigree: { sire, dam },
    records: { animal, value },
    fixedEffects: [factor('sex', 2), factor('birth year', 4), factor('farm', 3)],
    variance: { heritability: 0.1 + 0.8 * random() },
  };
}

function tabularRelationships(sire: Int32Array, dam: Int32Array): number[][] {
  const n = sire.length;
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const done = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  const visit = (i: number) => {
    if (done[i]) return;
    if (sire[i]) visit(sire[i] - 1);
    if (dam[i]) visit(dam[i] - 1);
    done[i] = true;
    order.push(i);
  };
  for (let i = 0; i < n; i++) visit(i);
  const seen: number[] = [];
  for (const i of order) {
    const s = sire[i] - 1;
    const d = dam[i] - 1;
    for (const j of seen) a[i][j] = a[j][i] = 0.5 * ((s >= 0 ? a[j][s] : 0) + (d >= 0 ? a[j][d] : 0));
    a[i][i] = 1 + (s >= 0 && d >= 0 ? 0.5 * a[s][d] : 0);
    seen.push(i);
  }
  return a;
}

/** Inverse by Gauss–Jordan with partial pivoting. */
function inverse(matrix: number[][]): number[][] {
  const m = matrix.length;
  const work = matrix.map((row, i) => [...row, ...Array.from({ length: m }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(work[r][c]) > Math.abs(work[pivot][c])) pivot = r;
    [work[c], work[pivot]] = [work[pivot], work[c]];
    const scale = work[c][c];
    for (let k = 0; k < 2 * m; k++) work[c][k] /= scale;
    for (let r = 0; r < m; r++) {
      if (r === c || work[r][c] === 0) continue;
      const factor = work[r][c];
      for (let k = 0; k < 2 * m; k++) work[r][k] -= factor * work[c][k];
    }
  }
  return work.map((row) => row.slice(m));
}

/** Solutions and the animal block of C⁻¹, with the engine's constraints: each factor after the first drops its first level with records. */
function denseReference(input: AnimalModelInput) {
  const { sire, dam } = input.pedigree;
  const n = sire.length;
  const a = tabularRelationships(sire, dam);
  const aInverse = inverse(a);
  const alpha = 'heritability' in input.variance ? (1 - input.variance.heritability) / input.variance.heritability : 0;
  const columns: { factor: number; level: number }[] = [];
  input.fixedEffects.forEach((factor, f) => {
    const used = [...new Set(factor.levelOfRecord)].sort((x, y) => x - y);
    for (const level of f === 0 ? used : used.slice(1)) columns.push({ factor: f, level });
  });
  const p = columns.length;
  const m = p + n;
  const rows = Array.from(input.records.animal, (animal, r) => {
    const x = new Array<number>(m).fill(0);
    columns.forEach((column, c) => {
      x[c] = input.fixedEffects[column.factor].levelOfRecord[r] === column.level ? 1 : 0;
    });
    x[p + animal - 1] = 1;
    return x;
  });
  const c = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => rows.reduce((sum, x) => sum + x[i] * x[j], 0)));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[p + i][p + j] += alpha * aInverse[i][j];
  const rhs = Array.from({ length: m }, (_, i) => rows.reduce((sum, x, r) => sum + x[i] * input.records.value[r], 0));
  const cInverse = inverse(c);
  const solution = cInverse.map((row) => row.reduce((sum, v, j) => sum + v * rhs[j], 0));
  const fixed = input.fixedEffects.map((factor) => new Array<number>(factor.levels).fill(0));
  columns.forEach((column, k) => {
    fixed[column.factor][column.level] = solution[k];
  });
  const accuracy = Array.from({ length: n }, (_, i) => Math.sqrt(Math.max(0, 1 - (alpha * cInverse[p + i][p + i]) / a[i][i])));
  return { ebv: solution.slice(p), fixed, accuracy, inbreeding: a.map((row, i) => row[i] - 1) };
}

function largestDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let largest = 0;
  for (let i = 0; i < actual.length; i++) largest = Math.max(largest, Math.abs(actual[i] - expected[i]));
  return largest;
}

describe('PCG with iteration on data against a dense solve', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`agrees to 1e-6 on random dataset ${seed} (inbreeding, unknown parents, three cross-classified factors)`, () => {
      const input = randomDataset(seed);
      const reference = denseReference(input);
      const result = evaluateAnimalModel(input, { tolerance: 1e-20 });
      expect(result.converged).toBe(true);
      expect(Math.max(...reference.inbreeding)).toBeGreaterThan(0.05); // the dataset really is inbred
      expect(largestDifference(result.inbreeding, reference.inbreeding)).toBeLessThan(1e-12);
      expect(largestDifference(result.ebv, reference.ebv)).toBeLessThan(1e-6);
      result.fixed.forEach((factor, f) => {
        const estimable = (_: number, level: number) => factor.records[level] > 0;
        expect(largestDifference(factor.solutions.filter(estimable), reference.fixed[f].filter(estimable))).toBeLessThan(1e-6);
      });
      expect(result.accuracyMethod).toBe('exact');
      expect(largestDifference(result.accuracy, reference.accuracy)).toBeLessThan(1e-6);
    });
  }
});
