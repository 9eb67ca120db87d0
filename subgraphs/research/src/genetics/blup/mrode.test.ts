import { describe, expect, it } from 'vitest';
import { evaluateAnimalModel } from './evaluate-animal-model.js';

// Mrode (3rd ed.) Example 3.1: pre-weaning gain of calves 4–8, y = sex + animal + e, σ²a = 20, σ²e = 40.
const example31 = () => ({
  pedigree: { sire: Int32Array.from([0, 0, 0, 1, 3, 1, 4, 3]), dam: Int32Array.from([0, 0, 0, 0, 2, 2, 5, 6]) },
  records: { animal: Int32Array.from([4, 5, 6, 7, 8]), value: Float64Array.from([4.5, 2.9, 3.9, 3.5, 5.0]) },
  fixedEffects: [{ name: 'sex', levels: 2, levelOfRecord: Int32Array.from([0, 1, 1, 0, 0]) }], // 0 = male, 1 = female
  variance: { additive: 20, residual: 40 },
});

describe('Mrode Example 3.1', () => {
  it('gives the published sex effects and breeding values to 1e-3', () => {
    const result = evaluateAnimalModel(example31());
    expect(result.converged).toBe(true);
    expect(result.varianceRatio).toBe(2);
    const [male, female] = result.fixed[0].solutions;
    expect(male).toBeCloseTo(4.359, 3);
    expect(female).toBeCloseTo(3.404, 3);
    const published = [0.098, -0.019, -0.041, -0.009, -0.186, 0.177, -0.249, 0.183];
    for (const [i, ebv] of published.entries()) expect(Math.abs(result.ebv[i] - ebv), `animal ${i + 1}`).toBeLessThan(1e-3);
  });

  it('gives the same answer from the heritability (1/3) as from the components', () => {
    const fromComponents = evaluateAnimalModel(example31());
    const fromHeritability = evaluateAnimalModel({ ...example31(), variance: { heritability: 1 / 3 } });
    for (const [i, ebv] of fromComponents.ebv.entries()) expect(fromHeritability.ebv[i]).toBeCloseTo(ebv, 10);
  });

  it('reports exact accuracies from the inverse: founders without records below calves with them', () => {
    const result = evaluateAnimalModel(example31());
    expect(result.accuracyMethod).toBe('exact');
    for (const r of result.accuracy) expect(r).toBeGreaterThan(0), expect(r).toBeLessThan(1);
    // Calf 8 has a record and two parents with records or progeny; founder 2 has neither a record nor known parents.
    expect(result.accuracy[7]).toBeGreaterThan(result.accuracy[1]);
  });
});
