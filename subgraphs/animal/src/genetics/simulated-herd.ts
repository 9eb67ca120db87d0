import type { PedigreeGraph } from './pedigree-graph.js';

/** How a simulated closed herd is bred; see `simulateHerd`. */
export interface HerdDesign {
  animals: number;
  generations: number;
  /** Share of each generation's size used as sires (chosen among the males of the two previous generations). */
  sireShare: number;
  /** Dams come from the females of this many previous generations (overlapping generations). */
  damGenerations: number;
  /** Offspring per dam per mating, uniform in 1..maxLitter. */
  maxLitter: number;
  /** Chance that a parent is recorded as unknown, per early generation (index 0 = generation 1); later generations have full records. */
  unknownParentRates: number[];
  seed: number;
}

export const DEFAULT_HERD_DESIGN: Omit<HerdDesign, 'animals' | 'seed'> = {
  generations: 20,
  sireShare: 0.03,
  damGenerations: 3,
  maxLitter: 4,
  unknownParentRates: [0.3, 0.15, 0.05],
};

export interface SimulatedHerd {
  graph: PedigreeGraph;
  generation: Uint8Array;
  /** Distinct (sire, dam) pairs among animals with both parents known. */
  matings: number;
}

/** Small, fast, seeded PRNG (mulberry32) so every run breeds the same herd. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A closed herd bred like a real one: generation 0 are founders; every later generation is the offspring of sires chosen by
 * truncation selection on a heritable merit (the best `sireShare` of males from the last two generations, better sires used
 * more), each mated to dams drawn from the females of the last `damGenerations` generations, a litter of 1..maxLitter per mating;
 * early generations have some unknown parents. Selection concentrates the pedigree on a few sire families, so F rises over
 * time as in real herds. Animals are returned in a shuffled order (the engine must not rely on input order).
 */
export function simulateHerd(design: HerdDesign): SimulatedHerd {
  const random = seededRandom(design.seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const n = design.animals;
  const perGeneration = Math.floor(n / design.generations);
  const sire = new Int32Array(n).fill(-1);
  const dam = new Int32Array(n).fill(-1);
  const generation = new Uint8Array(n);
  const male = new Uint8Array(n);
  const merit = new Float64Array(n);
  const starts: number[] = [];
  let next = 0;
  for (let g = 0; g < design.generations; g++) {
    const start = next;
    starts.push(start);
    const end = g === design.generations - 1 ? n : start + perGeneration;
    if (g === 0) {
      for (; next < end; next++) (male[next] = random() < 0.5 ? 1 : 0), (merit[next] = gaussian());
      continue;
    }
    const candidates = (sex: number, back: number) => {
      const from = starts[Math.max(0, g - back)];
      const list: number[] = [];
      for (let i = from; i < start; i++) if (male[i] === sex) list.push(i);
      return list;
    };
    const sires = candidates(1, 2)
      .sort((a, b) => merit[b] - merit[a])
      .slice(0, Math.max(1, Math.round(design.sireShare * (end - start))));
    // Better sires get more matings: weight (S − rank), so the best sire is used about twice as often as the average one.
    const cumulative = new Float64Array(sires.length);
    for (let r = 0, total = 0; r < sires.length; r++) cumulative[r] = total += sires.length - r;
    const pickSire = () => {
      const x = random() * cumulative[cumulative.length - 1];
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      return sires[lo];
    };
    const dams = candidates(0, design.damGenerations);
    for (let k = dams.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [dams[k], dams[j]] = [dams[j], dams[k]];
    }
    const unknownRate = design.unknownParentRates[g - 1] ?? 0;
    for (let d = 0; next < end; d = (d + 1) % dams.length) {
      const s = pickSire();
      const litter = 1 + Math.floor(random() * design.maxLitter);
      for (let k = 0; k < litter && next < end; k++, next++) {
        const knownSire = random() >= unknownRate;
        const knownDam = random() >= unknownRate;
        sire[next] = knownSire ? s : -1;
        dam[next] = knownDam ? dams[d] : -1;
        generation[next] = g;
        male[next] = random() < 0.5 ? 1 : 0;
        const parentMerit = 0.5 * ((knownSire ? merit[s] : gaussian()) + (knownDam ? merit[dams[d]] : gaussian()));
        merit[next] = parentMerit + Math.SQRT1_2 * gaussian();
      }
    }
  }
  // Shuffle: the engine receives animals in database order, which says nothing about who is whose parent.
  const permutation = new Int32Array(n);
  for (let i = 0; i < n; i++) permutation[i] = i;
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    const t = permutation[k];
    permutation[k] = permutation[j];
    permutation[j] = t;
  }
  const shuffledSire = new Int32Array(n);
  const shuffledDam = new Int32Array(n);
  const shuffledGeneration = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = permutation[i];
    shuffledSire[p] = sire[i] < 0 ? -1 : permutation[sire[i]];
    shuffledDam[p] = dam[i] < 0 ? -1 : permutation[dam[i]];
    shuffledGeneration[p] = generation[i];
  }
  const matings = new Set<number>();
  for (let i = 0; i < n; i++) if (sire[i] >= 0 && dam[i] >= 0) matings.add(sire[i] * n + dam[i]);
  return { graph: { sire: shuffledSire, dam: shuffledDam }, generation: shuffledGeneration, matings: matings.size };
}
