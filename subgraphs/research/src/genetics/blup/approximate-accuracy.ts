import { accuracyFrom } from './exact-accuracy.js';
import type { MixedModelEquations } from './mixed-model-equations.js';

/**
 * Accuracies without inverting the equations, by propagating information through the pedigree (after Misztal & Wiggans
 * 1988 and Meyer 1989, as in BLUPF90's ACCF90 family). Information is a precision in units of 1/σ²a:
 * 1. Own records: each record gives (1/α) · Π_f (1 − 1/n_f), n_f the records of its level of factor f (estimating the level
 *    takes that share of the record's information).
 * 2. Progeny to parents, youngest first: progeny k, known through its data with information L_k, tells each parent
 *    L_k/(3L_k + 4): a_k = ½a_parent + a deviation of variance ¾σ²a (Mendelian sampling and the mate). For what k's own
 *    records tell parent p, n_f above becomes n_f/m_pf, m_pf the records in that level of p's progeny: a level full of one
 *    sire's progeny says little about that sire (its effect absorbs his).
 * 3. Parents to progeny, oldest first: the prior variance of a_k is D_k + ¼ Σ_parents PEV_parent, each parent's PEV taken
 *    without what k itself told it (no double counting); total information P_k = 1/prior + L_k and r = √(1 − 1/P_k).
 * It ignores what mates and inbreeding add; its error against the exact values is measured in the tests and quoted in the README.
 */
export function approximateAccuracy(equations: MixedModelEquations, order: Int32Array, alpha: number): Float64Array {
  const { animals, sire, dam, scaledPrecision } = equations;
  const { own, ownForSire, ownForDam } = recordInformation(equations, alpha);
  const fromProgeny = new Float64Array(animals);
  const toSire = new Float64Array(animals);
  const toDam = new Float64Array(animals);
  const told = (information: number) => information / (3 * information + 4);
  for (let p = animals - 1; p >= 0; p--) {
    const k = order[p];
    if (sire[k] > 0) fromProgeny[sire[k] - 1] += toSire[k] = told(ownForSire[k] + fromProgeny[k]);
    if (dam[k] > 0) fromProgeny[dam[k] - 1] += toDam[k] = told(ownForDam[k] + fromProgeny[k]);
  }
  const total = new Float64Array(animals);
  const accuracy = new Float64Array(animals);
  for (let p = 0; p < animals; p++) {
    const k = order[p];
    // scaledPrecision is α/D_k: D_k already counts an unknown parent's share of the variance.
    let priorVariance = alpha / scaledPrecision[k];
    if (sire[k] > 0) priorVariance += 0.25 / (total[sire[k] - 1] - toSire[k]);
    if (dam[k] > 0) priorVariance += 0.25 / (total[dam[k] - 1] - toDam[k]);
    total[k] = 1 / priorVariance + own[k] + fromProgeny[k];
    accuracy[k] = accuracyFrom(1 / total[k]);
  }
  return accuracy;
}

/**
 * Step 1 per animal: what its own records say about it, and about its sire and its dam. Typed arrays only: records are
 * grouped by level with a counting sort, and each parent's progeny in a level counted in one scratch array.
 */
function recordInformation(equations: MixedModelEquations, alpha: number) {
  const { recordEquations, terms, fixedEquations, factorOffset, animals, sire, dam } = equations;
  const records = recordEquations.length / terms;
  const animalOf = (r: number) => recordEquations[r * terms + terms - 1] - fixedEquations;
  const share = new Float64Array(records).fill(1 / alpha);
  const shareForSire = new Float64Array(records).fill(1 / alpha);
  const shareForDam = new Float64Array(records).fill(1 / alpha);
  const progenyRecords = new Int32Array(animals);
  const byLevel = new Int32Array(records);
  for (let f = 0; f < terms - 1; f++) {
    const first = factorOffset[f];
    const levels = (f + 1 < factorOffset.length ? factorOffset[f + 1] : fixedEquations) - first;
    const start = new Int32Array(levels + 1);
    for (let r = 0; r < records; r++) start[recordEquations[r * terms + f] - first + 1]++;
    for (let l = 0; l < levels; l++) start[l + 1] += start[l];
    const fill = start.slice(0, levels);
    for (let r = 0; r < records; r++) byLevel[fill[recordEquations[r * terms + f] - first]++] = r;
    for (let l = 0; l < levels; l++) {
      const size = start[l + 1] - start[l];
      const each = (visit: (s: number, d: number, r: number) => void) => {
        for (let k = start[l]; k < start[l + 1]; k++) visit(sire[animalOf(byLevel[k])], dam[animalOf(byLevel[k])], byLevel[k]);
      };
      each((s, d) => {
        if (s > 0) progenyRecords[s - 1]++;
        if (d > 0) progenyRecords[d - 1]++;
      });
      each((s, d, r) => {
        share[r] *= 1 - 1 / size;
        if (s > 0) shareForSire[r] *= 1 - progenyRecords[s - 1] / size;
        if (d > 0) shareForDam[r] *= 1 - progenyRecords[d - 1] / size;
      });
      each((s, d) => {
        if (s > 0) progenyRecords[s - 1] = 0;
        if (d > 0) progenyRecords[d - 1] = 0;
      });
    }
  }
  const own = new Float64Array(animals);
  const ownForSire = new Float64Array(animals);
  const ownForDam = new Float64Array(animals);
  for (let r = 0; r < records; r++) {
    const animal = animalOf(r);
    own[animal] += share[r];
    ownForSire[animal] += shareForSire[r];
    ownForDam[animal] += shareForDam[r];
  }
  return { own, ownForSire, ownForDam };
}
