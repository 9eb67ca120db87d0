import { accuracyFrom } from './exact-accuracy.js';
import type { MixedModelEquations } from './mixed-model-equations.js';

/**
 * Accuracies without inverting the equations, by propagating information through the pedigree (after Misztal & Wiggans
 * 1988 and Meyer 1989, as in BLUPF90's ACCF90 family). Information is a precision in units of 1/σ²a:
 * 1. Own records: each record gives (1/α) · Π_f (1 − 1/n_f), n_f the records of its level of factor f (estimating the level
 *    takes that share of the record's information).
 * 2. Progeny to parents, youngest first: progeny k, known through its data with information L_k (own + its progeny's),
 *    tells each parent L_k/(3L_k + 4): a_k = ½a_parent + a deviation of variance ¾σ²a (Mendelian sampling and the mate).
 * 3. Parents to progeny, oldest first: the prior variance of a_k is D_k + ¼ Σ_parents PEV_parent, each parent's PEV taken
 *    without what k itself told it (no double counting); total information P_k = 1/prior + L_k and r = √(1 − 1/P_k).
 * It ignores what mates, contemporaries and inbreeding add; its error against the exact values is measured in the tests and
 * quoted in the README.
 */
export function approximateAccuracy(equations: MixedModelEquations, order: Int32Array, alpha: number): Float64Array {
  const { recordEquations, terms, fixedEquations: offset, animals, sire, dam, scaledPrecision } = equations;
  const levelRecords = new Float64Array(offset);
  for (let k = 0; k < recordEquations.length; k += terms) for (let t = 0; t < terms - 1; t++) levelRecords[recordEquations[k + t]]++;
  const data = new Float64Array(animals);
  for (let k = 0; k < recordEquations.length; k += terms) {
    let share = 1 / alpha;
    for (let t = 0; t < terms - 1; t++) share *= 1 - 1 / levelRecords[recordEquations[k + t]];
    data[recordEquations[k + terms - 1] - offset] += share;
  }
  const toParent = new Float64Array(animals);
  for (let p = animals - 1; p >= 0; p--) {
    const k = order[p];
    toParent[k] = data[k] / (3 * data[k] + 4);
    if (sire[k] > 0) data[sire[k] - 1] += toParent[k];
    if (dam[k] > 0) data[dam[k] - 1] += toParent[k];
  }
  const total = new Float64Array(animals);
  const accuracy = new Float64Array(animals);
  for (let p = 0; p < animals; p++) {
    const k = order[p];
    // scaledPrecision is α/D_k: D_k already counts an unknown parent's share of the variance.
    let priorVariance = alpha / scaledPrecision[k];
    if (sire[k] > 0) priorVariance += 0.25 / (total[sire[k] - 1] - toParent[k]);
    if (dam[k] > 0) priorVariance += 0.25 / (total[dam[k] - 1] - toParent[k]);
    total[k] = 1 / priorVariance + data[k];
    accuracy[k] = accuracyFrom(1 / total[k]);
  }
  return accuracy;
}
