import { describe, expect, it } from 'vitest';
import { correlation } from './correlation.js';
import { evaluateAnimalModel } from './evaluate-animal-model.js';
import { DEFAULT_POPULATION_DESIGN, simulatePopulation } from './simulated-population.js';

const population = (animals: number, seed: number) => simulatePopulation({ ...DEFAULT_POPULATION_DESIGN, animals, seed });

describe('evaluateAnimalModel on a simulated population', () => {
  it('predicts the true breeding values about as well as the accuracies it reports say', () => {
    const { input, trueBreedingValue, birthYear } = population(20_000, 21);
    const result = evaluateAnimalModel(input);
    expect(result.converged).toBe(true);
    expect(result.accuracyMethod).toBe('approximate');
    // h² = 0.3, 70 % recorded: one record and the relatives' give a correlation near 0.6 (measured 0.629; the bench sees 0.635, 0.646).
    expect(correlation(result.ebv, trueBreedingValue)).toBeGreaterThan(0.55);
    const youngest = (i: number) => birthYear[i] === DEFAULT_POPULATION_DESIGN.years - 1;
    const realised = correlation(result.ebv, trueBreedingValue, youngest);
    const young = result.accuracy.filter((_, i) => youngest(i));
    const reported = young.reduce((sum, r) => sum + r, 0) / young.length;
    // Measured: 0.660 reported against 0.633 realised over 1,674 animals (the correlation's sampling error is about 0.015).
    expect(Math.abs(reported - realised)).toBeLessThan(0.07);
  });

  it('gives the same breeding values whether F is passed in or computed', () => {
    const { input } = population(3000, 22);
    const withF = evaluateAnimalModel(input, { accuracy: 'none' });
    const computed = evaluateAnimalModel({ ...input, pedigree: { sire: input.pedigree.sire, dam: input.pedigree.dam } }, { accuracy: 'none' });
    expect(Array.from(computed.inbreeding)).toEqual(Array.from(input.pedigree.inbreeding ?? []));
    expect(Array.from(computed.ebv)).toEqual(Array.from(withF.ebv));
    expect(withF.accuracy).toHaveLength(0);
  });

  it('says it has not converged when the iterations run out', () => {
    const { input } = population(3000, 23);
    const result = evaluateAnimalModel(input, { maxIterations: 3, accuracy: 'none' });
    expect(result).toMatchObject({ converged: false, iterations: 3 });
    expect(result.relativeResidual).toBeGreaterThan(1e-12);
  });

  it('stops when its signal is aborted from the progress callback', () => {
    const { input } = population(3000, 24);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = () =>
      evaluateAnimalModel(input, {
        onProgress: ({ iteration }) => {
          seen.push(iteration);
          if (iteration === 2) controller.abort(new Error('stop here'));
        },
        signal: controller.signal,
      });
    expect(run).toThrow('stop here');
    expect(seen).toEqual([1, 2]);
  });
});
