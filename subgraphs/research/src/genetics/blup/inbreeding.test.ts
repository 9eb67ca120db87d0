import { describe, expect, it } from 'vitest';
import { inbreedingCoefficients } from './inbreeding.js';
import { parentsFirstOrder } from './pedigree-order.js';

describe('inbreeding (Meuwissen & Luo)', () => {
  it("gives Mrode's Table 2.1 values", () => {
    const f = inbreedingCoefficients(Int32Array.from([0, 0, 1, 1, 4, 5]), Int32Array.from([0, 0, 2, 0, 3, 2]));
    expect(Array.from(f)).toEqual([0, 0, 0, 0, 0.125, 0.125]);
  });

  it('gives the FnR example whatever the numbering (animals listed offspring first)', () => {
    const sire = [0, 0, 0, 2, 2, 0, 4, 6, 0, 6, 10, 10];
    const dam = [0, 0, 0, 1, 1, 0, 3, 5, 7, 8, 9, 0];
    const renumber = (id: number) => (id === 0 ? 0 : 13 - id); // animal k becomes 13 − k
    const reversedSire = Int32Array.from(sire.map(renumber).reverse());
    const reversedDam = Int32Array.from(dam.map(renumber).reverse());
    const f = inbreedingCoefficients(reversedSire, reversedDam);
    expect(f[renumber(10) - 1]).toBe(0.25);
    expect(f[renumber(11) - 1]).toBe(0.015625);
    expect(Array.from(f).filter((value) => value > 0)).toHaveLength(2);
  });

  it('follows repeated full-sib mating: 1/4, 3/8, 1/2, 19/32', () => {
    // Animals 1, 2 founders; each next pair are full sibs out of the previous pair.
    const sire = Int32Array.from([0, 0, 1, 1, 3, 3, 5, 5, 7, 7]);
    const dam = Int32Array.from([0, 0, 2, 2, 4, 4, 6, 6, 8, 8]);
    const f = inbreedingCoefficients(sire, dam);
    expect([f[4], f[6], f[8]]).toEqual([0.25, 0.375, 0.5]);
    const next = inbreedingCoefficients(Int32Array.from([...sire, 9]), Int32Array.from([...dam, 10]));
    expect(next[10]).toBeCloseTo(19 / 32, 15);
  });
});

describe('parents-first order', () => {
  it('puts every parent before its offspring', () => {
    const sire = Int32Array.from([3, 0, 0, 1]);
    const dam = Int32Array.from([2, 0, 0, 0]);
    const order = Array.from(parentsFirstOrder(sire, dam));
    const at = (animal: number) => order.indexOf(animal - 1);
    expect(at(3)).toBeLessThan(at(1));
    expect(at(2)).toBeLessThan(at(1));
    expect(at(1)).toBeLessThan(at(4));
  });

  it('refuses a pedigree where an animal is its own ancestor, naming it', () => {
    expect(() => parentsFirstOrder(Int32Array.from([0, 3, 2]), Int32Array.from([0, 0, 0]))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'pedigree', message: expect.stringMatching(/Animal [23] is its own ancestor/) }),
    );
  });
});
