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
  const { recordEquations, terms, fixedEquations: offset, animals, sire, dam, scaledPrecision } = equations;
  const levelRecords = new Float64Array(offset);
  // Records of each parent's progeny per level, keyed parent × equations + level.
  const progenyInLevel = new Map<number, number>();
  const countProgeny = (parent: number, level: number) => {
    const key = parent * offset + level;
    progenyInLevel.set(key, (progenyInLevel.get(key) ?? 0) + 1);
  };
  for (let k = 0; k < recordEquations.length; k += terms) {
    const animal = recordEquations[k + terms - 1] - offset;
    for (let t = 0; t < terms - 1; t++) {
      levelRecords[recordEquations[k + t]]++;
      if (sire[animal] > 0) countProgeny(sire[animal] - 1, recordEquations[k + t]);
      if (dam[animal] > 0) countProgeny(dam[animal] - 1, recordEquations[k + t]);
    }
  }
  const own = new Float64Array(animals);
  const ownForSire = new Float64Array(animals);
  const ownForDam = new Float64Array(animals);
  const shareFor = (parent: number, k: number) => {
    let share = 1 / alpha;
    for (let t = 0; t < terms - 1; t++) {
      const level = recordEquations[k + t];
      share *= 1 - (parent < 0 ? 1 : (progenyInLevel.get(parent * offset + level) ?? 1)) / levelRecords[level];
    }
    return share;
  };
  for (let k = 0; k < recordEquations.length; k += terms) {
    const animal = recordEquations[k + terms - 1] - offset;
    own[animal] += shareFor(-1, k);
    if (sire[animal] > 0) ownForSire[animal] += shareFor(sire[animal] - 1, k);
    if (dam[animal] > 0) ownForDam[animal] += shareFor(dam[animal] - 1, k);
  }
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
