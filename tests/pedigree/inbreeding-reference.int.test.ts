import { beforeAll, describe, expect, it } from 'vitest';
import { newOrganization, type Member } from '../support/gateway-client.js';
import { animal, inbreedingOf, kinshipOf, setParents, year } from './lineage-fixtures.js';

// Mrode, Linear Models for the Prediction of Animal Breeding Values (3rd ed.), Example 2.1 / Table 2.1:
// calf 3 = 1 × 2, 4 = 1 × unknown, 5 = 4 × 3, 6 = 5 × 2. Its numerator relationship matrix A gives
// F_i = a_ii − 1 and the kinship of i and j = a_ij / 2.
const MRODE_A: Record<string, number> = {
  '1,1': 1,
  '1,2': 0,
  '1,3': 0.5,
  '1,4': 0.5,
  '1,5': 0.5,
  '1,6': 0.25,
  '2,2': 1,
  '2,3': 0.5,
  '2,4': 0,
  '2,5': 0.25,
  '2,6': 0.625,
  '3,3': 1,
  '3,4': 0.25,
  '3,5': 0.625,
  '3,6': 0.5625,
  '4,4': 1,
  '4,5': 0.625,
  '4,6': 0.3125,
  '5,5': 1.125,
  '5,6': 0.6875,
  '6,6': 1.125,
};

describe("Mrode's Table 2.1 pedigree, entered through the API", () => {
  let breeder: Member;
  const id: Record<number, string> = {};

  beforeAll(async () => {
    breeder = await newOrganization('Mrode');
    id[1] = await animal(breeder, 'Mrode 1', { sex: 'MALE', hatchDate: year(1) });
    id[2] = await animal(breeder, 'Mrode 2', { sex: 'FEMALE', hatchDate: year(1) });
    id[3] = await animal(breeder, 'Mrode 3', { sex: 'FEMALE', hatchDate: year(3), sireId: id[1], damId: id[2] });
    id[4] = await animal(breeder, 'Mrode 4', { sex: 'MALE', hatchDate: year(3), sireId: id[1] });
    // 5 and 6 are recorded first and given parents afterwards, top down, so F of 6 must follow 5's parents.
    id[5] = await animal(breeder, 'Mrode 5', { sex: 'MALE', hatchDate: year(5) });
    id[6] = await animal(breeder, 'Mrode 6', { sex: 'FEMALE', hatchDate: year(7) });
    expect((await setParents(breeder, id[6], id[5], id[2])).errors).toBeUndefined();
    expect((await setParents(breeder, id[5], id[4], id[3])).errors).toBeUndefined();
  });

  it('stores every F exactly (to 1e-9)', async () => {
    const f = await inbreedingOf(
      breeder,
      [1, 2, 3, 4, 5, 6].map((n) => id[n]),
    );
    for (const [i, value] of f.entries()) expect(value, `F of animal ${i + 1}`).toBeCloseTo(MRODE_A[`${i + 1},${i + 1}`] - 1, 9);
  });

  it('gives the kinship of every pair as half the relationship', async () => {
    for (const [pair, a] of Object.entries(MRODE_A)) {
      const [i, j] = pair.split(',').map(Number);
      expect(await kinshipOf(breeder, id[i], id[j]), `kinship(${i}, ${j})`).toBeCloseTo(a / 2, 9);
    }
  });

  it('updates F of descendants when an ancestor changes parents, and back', async () => {
    // Without 4's sire, 3 and 4 are unrelated, so 5 is not inbred; 6 = 5 × 2 then has kinship(5, 2) = a_25/2 = 0.125.
    expect((await setParents(breeder, id[4], null, null)).errors).toBeUndefined();
    const [f5, f6] = await inbreedingOf(breeder, [id[5], id[6]]);
    expect(f5).toBeCloseTo(0, 12);
    expect(f6).toBeCloseTo(0.125, 12);
    expect((await setParents(breeder, id[4], id[1], null)).errors).toBeUndefined();
    expect(await inbreedingOf(breeder, [id[5], id[6]])).toEqual([expect.closeTo(0.125, 9), expect.closeTo(0.125, 9)]);
  });
});

// Continued full-sib mating: F_t = (1 + 2 F_(t−1) + F_(t−2)) / 4 (Wright 1921; Falconer & Mackay, Table 5.1):
// 0, 0.25, 0.375, 0.5, 0.59375, 0.671875, 0.734375, 0.78515625.
describe('eight generations of full-sib mating', () => {
  it('matches the recurrence exactly', async () => {
    const breeder = await newOrganization('Fullsib');
    let sire = await animal(breeder, 'Founder sire', { sex: 'MALE', hatchDate: year(0) });
    let dam = await animal(breeder, 'Founder dam', { sex: 'FEMALE', hatchDate: year(0) });
    const expected = [0, 0.25, 0.375, 0.5, 0.59375, 0.671875, 0.734375, 0.78515625];
    const brothers: string[] = [];
    for (let t = 1; t <= expected.length; t++) {
      const brother = await animal(breeder, `Brother ${t}`, { sex: 'MALE', hatchDate: year(t), sireId: sire, damId: dam });
      const sister = await animal(breeder, `Sister ${t}`, { sex: 'FEMALE', hatchDate: year(t), sireId: sire, damId: dam });
      brothers.push(brother);
      [sire, dam] = [brother, sister];
    }
    const f = await inbreedingOf(breeder, brothers);
    for (const [t, value] of f.entries()) expect(value, `generation ${t + 1}`).toBeCloseTo(expected[t], 9);
  });
});
