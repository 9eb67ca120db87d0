import { describe, expect, it } from 'vitest';
import type { AnimalModelInput } from './animal-model.js';
import { evaluateAnimalModel } from './evaluate-animal-model.js';

const valid = (): AnimalModelInput => ({
  pedigree: { sire: Int32Array.from([0, 0, 1, 1]), dam: Int32Array.from([0, 0, 2, 2]) },
  records: { animal: Int32Array.from([3, 4]), value: Float64Array.from([1.5, 2.5]) },
  fixedEffects: [{ name: 'sex', levels: 2, levelOfRecord: Int32Array.from([0, 1]) }],
  variance: { heritability: 0.3 },
});

const refusal = (field: string, message: RegExp) => expect.objectContaining({ code: 'BAD_USER_INPUT', field, message: expect.stringMatching(message) });

describe('bad input gets a coded error naming the field', () => {
  const cases: [string, (input: AnimalModelInput) => void, string, RegExp][] = [
    ['a heritability of 0', (input) => (input.variance = { heritability: 0 }), 'heritability', /between 0 and 1/],
    ['a heritability of 1', (input) => (input.variance = { heritability: 1 }), 'heritability', /between 0 and 1/],
    ['a negative additive variance', (input) => (input.variance = { additive: -1, residual: 2 }), 'variance.additive', /positive/],
    ['a residual variance of NaN', (input) => (input.variance = { additive: 1, residual: Number.NaN }), 'variance.residual', /positive/],
    ['a sire id past the pedigree', (input) => (input.pedigree.sire[2] = 9), 'pedigree.sire', /Animal 3 has sire 9/],
    ['an animal its own dam', (input) => (input.pedigree.dam[3] = 4), 'pedigree.dam', /Animal 4 has dam 4/],
    ['one animal as both parents', (input) => (input.pedigree.dam[2] = 1), 'pedigree.dam', /both sire and dam/],
    ['arrays of different lengths', (input) => (input.pedigree.dam = Int32Array.from([0, 0, 2])), 'pedigree.dam', /3 entries for 4 animals/],
    ['an inbreeding of 1', (input) => (input.pedigree.inbreeding = Float64Array.from([0, 0, 1, 0])), 'pedigree.inbreeding', /Animal 3 has inbreeding 1/],
    ['no records', (input) => (input.records = { animal: new Int32Array(0), value: new Float64Array(0) }), 'records', /no records/],
    ['a record of an unknown animal', (input) => (input.records.animal[1] = 5), 'records.animal', /Record 2 is of animal 5/],
    ['an infinite value', (input) => (input.records.value[0] = Number.POSITIVE_INFINITY), 'records.value', /Record 1 has value Infinity/],
    ['a level out of range', (input) => (input.fixedEffects[0].levelOfRecord[1] = 2), 'fixedEffects[0].levelOfRecord', /level 2 of sex, not in 0..1/],
    ['a loop', (input) => ((input.pedigree.sire[0] = 3), (input.pedigree.dam[0] = 0)), 'pedigree', /its own ancestor/],
  ];
  for (const [name, spoil, field, message] of cases) {
    it(`refuses ${name}`, () => {
      const input = valid();
      spoil(input);
      expect(() => evaluateAnimalModel(input)).toThrow(refusal(field, message));
    });
  }

  it('fits an overall mean when no fixed effect is given', () => {
    const result = evaluateAnimalModel({ ...valid(), fixedEffects: [] });
    expect(result.fixed.map((factor) => factor.name)).toEqual(['mean']);
    expect(result.fixed[0].solutions[0]).toBeGreaterThan(1.5);
    expect(result.fixed[0].solutions[0]).toBeLessThan(2.5);
  });

  it('reports empty levels as NaN and the reference level of later factors as 0', () => {
    const input = valid();
    input.fixedEffects.push({ name: 'farm', levels: 3, levelOfRecord: Int32Array.from([1, 2]) });
    const [, farm] = evaluateAnimalModel(input).fixed;
    expect(farm.referenceLevel).toBe(1);
    expect(Number.isNaN(farm.solutions[0])).toBe(true);
    expect(farm.solutions[1]).toBe(0);
    expect(Array.from(farm.records)).toEqual([0, 1, 1]);
  });
});
