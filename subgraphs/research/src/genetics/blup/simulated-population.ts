import type { AnimalModelInput } from './animal-model.js';
import { inbreedingCoefficients, mendelianVariance } from './inbreeding.js';
import { seededGaussian, seededRandom } from './seeded-random.js';

/** How a population with known true breeding values is simulated; see `simulatePopulation`. */
export interface PopulationDesign {
  animals: number;
  /** Birth years (cohorts of equal size); the first is the founders'. */
  years: number;
  /** Sires used per year, drawn from the males born in the previous `sireAges` years; 0: one per 100 animals born a year. */
  siresPerYear: number;
  sireAges: number;
  /** Dams come from the females born in the previous `damAges` years (overlapping generations). */
  damAges: number;
  /** Chance that a parent is recorded as unknown in the second and third years. */
  unknownParentRate: number;
  /** Share of animals born after the founders that have one record. */
  recordedShare: number;
  /** Farms; a contemporary group is a farm's animals of one birth year. 0: one per 60 animals born a year. */
  farms: number;
  heritability: number;
  /** Variance of contemporary-group effects, as a share of the phenotypic variance without them. */
  groupVariance: number;
  seed: number;
}

export const DEFAULT_POPULATION_DESIGN: Omit<PopulationDesign, 'animals' | 'seed'> = {
  years: 12,
  siresPerYear: 0,
  sireAges: 2,
  damAges: 4,
  unknownParentRate: 0.15,
  recordedShare: 0.7,
  farms: 0,
  heritability: 0.3,
  groupVariance: 0.2,
};

export interface SimulatedPopulation {
  input: AnimalModelInput;
  trueBreedingValue: Float64Array;
  birthYear: Int32Array;
}

/**
 * A population bred over overlapping years: founders a ~ N(0, σ²a); each later animal gets a random sire from that year's
 * sires and a random dam from the recent females, a = ½(a_s + a_d) + Mendelian sampling of variance
 * (½ − ¼(F_s + F_d))σ²a (an unknown parent counting as a base animal), so F rises with the few sires. Records
 * y = 10 + sex + group + a + e with σ²a = h², σ²e = 1 − h². Fixed effects: sex and contemporary group (farm × birth year).
 * Animals are numbered in birth order. `inbreeding` computes F of the pedigree (default: this library's Meuwissen & Luo).
 */
export function simulatePopulation(design: PopulationDesign, inbreeding = inbreedingCoefficients): SimulatedPopulation {
  const random = seededRandom(design.seed);
  const gaussian = seededGaussian(random);
  const n = design.animals;
  const perYear = Math.floor(n / design.years);
  const siresPerYear = design.siresPerYear || Math.max(2, Math.round(perYear / 100));
  const farms = design.farms || Math.max(1, Math.round(perYear / 60));
  const sire = new Int32Array(n);
  const dam = new Int32Array(n);
  const male = new Uint8Array(n);
  const birthYear = new Int32Array(n);
  const firstOfYear = (year: number) => Math.max(0, year) * perYear;
  let sires: number[] = [];
  for (let i = 0; i < n; i++) {
    const year = Math.min(design.years - 1, Math.floor(i / perYear));
    birthYear[i] = year;
    male[i] = random() < 0.5 ? 1 : 0;
    if (year === 0) continue;
    const start = firstOfYear(year);
    if (i === start) pickSires(year);
    const unknownRate = year <= 2 ? design.unknownParentRate : 0;
    sire[i] = random() < unknownRate ? 0 : sires[Math.floor(random() * sires.length)] + 1;
    dam[i] = random() < unknownRate ? 0 : randomFemale(firstOfYear(year - design.damAges), start) + 1;
  }
  function randomFemale(from: number, to: number): number {
    for (;;) {
      const candidate = from + Math.floor(random() * (to - from));
      if (!male[candidate]) return candidate;
    }
  }
  function pickSires(year: number) {
    sires = [];
    const from = firstOfYear(year - design.sireAges);
    const to = firstOfYear(year);
    for (let tries = 0; sires.length < siresPerYear && tries < 100 * siresPerYear; tries++) {
      const candidate = from + Math.floor(random() * (to - from));
      if (male[candidate] && !sires.includes(candidate)) sires.push(candidate);
    }
  }
  const f = inbreeding(sire, dam);
  const sigmaA = Math.sqrt(design.heritability);
  const tbv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = sire[i];
    const d = dam[i];
    const parents = 0.5 * ((s > 0 ? tbv[s - 1] : 0) + (d > 0 ? tbv[d - 1] : 0));
    tbv[i] = parents + Math.sqrt(mendelianVariance(s > 0 ? f[s - 1] : -1, d > 0 ? f[d - 1] : -1)) * sigmaA * gaussian();
  }
  const groups = design.years * farms;
  const groupEffect = Float64Array.from({ length: groups }, () => Math.sqrt(design.groupVariance) * gaussian());
  const animal: number[] = [];
  const value: number[] = [];
  const sex: number[] = [];
  const group: number[] = [];
  const sigmaE = Math.sqrt(1 - design.heritability);
  for (let i = perYear; i < n; i++) {
    if (random() >= design.recordedShare) continue;
    const g = birthYear[i] * farms + Math.floor(random() * farms);
    animal.push(i + 1);
    sex.push(male[i]);
    group.push(g);
    value.push(10 + (male[i] ? 0.5 : -0.5) + groupEffect[g] + tbv[i] + sigmaE * gaussian());
  }
  return {
    input: {
      pedigree: { sire, dam, inbreeding: f },
      records: { animal: Int32Array.from(animal), value: Float64Array.from(value) },
      fixedEffects: [
        { name: 'sex', levels: 2, levelOfRecord: Int32Array.from(sex) },
        { name: 'contemporary group', levels: groups, levelOfRecord: Int32Array.from(group) },
      ],
      variance: { heritability: design.heritability },
    },
    trueBreedingValue: tbv,
    birthYear,
  };
}
