import type { FixedFactor, Pedigree, Records } from './animal-model.js';
import { mendelianVariance } from './inbreeding.js';

/**
 * The mixed-model equations of y = Xb + Za + e, multiplied through by σ²e:
 *   [ X′X  X′Z          ] [b]   [X′y]
 *   [ Z′X  Z′Z + αA⁻¹   ] [a] = [Z′y],   α = σ²e/σ²a,
 * kept as data, never as a matrix: equations 0..fixedEquations − 1 are the levels of the factors in turn, then one per animal.
 * A⁻¹ = Σ_i δ_i v_i v_i′ with v_i = e_i − ½e_sire − ½e_dam (unknown parents dropped) and δ_i = 1/D_i (Henderson 1976,
 * Quaas 1976), so a product with A⁻¹ is one pass over the pedigree.
 */
export interface MixedModelEquations {
  size: number;
  fixedEquations: number;
  /** First equation of each factor. */
  factorOffset: Int32Array;
  animals: number;
  /** Per record, its factors' equations then its animal's: `terms` entries each. */
  recordEquations: Int32Array;
  terms: number;
  sire: Int32Array;
  dam: Int32Array;
  /** α δ_i per animal. */
  scaledPrecision: Float64Array;
  /** 1 for an equation held at 0 (a reference level, or a level with no records). */
  fixedAtZero: Uint8Array;
  /**
   * The records' mean, taken off y before the right-hand side is formed (and added back to the first factor's levels, which
   * every record has one of): the same breeding values, and a convergence criterion ‖r‖²/‖rhs‖² that measures the trait's
   * variation, not how far its mean lies from 0 (400 g or 0.4 kg).
   */
  centre: number;
  rhs: Float64Array;
  diagonal: Float64Array;
}

export function buildEquations(pedigree: Pedigree, inbreeding: Float64Array, records: Records, factors: FixedFactor[], alpha: number): MixedModelEquations {
  const animals = pedigree.sire.length;
  const factorOffset = new Int32Array(factors.length);
  let fixedEquations = 0;
  factors.forEach((factor, f) => {
    factorOffset[f] = fixedEquations;
    fixedEquations += factor.levels;
  });
  const size = fixedEquations + animals;
  const count = records.animal.length;
  const terms = factors.length + 1;
  const recordEquations = new Int32Array(count * terms);
  const rhs = new Float64Array(size);
  const diagonal = new Float64Array(size);
  let centre = 0;
  for (let r = 0; r < count; r++) centre += records.value[r] / count;
  for (let r = 0; r < count; r++) {
    for (let f = 0; f < factors.length; f++) recordEquations[r * terms + f] = factorOffset[f] + factors[f].levelOfRecord[r];
    recordEquations[r * terms + factors.length] = fixedEquations + records.animal[r] - 1;
    for (let t = 0; t < terms; t++) {
      const equation = recordEquations[r * terms + t];
      rhs[equation] += records.value[r] - centre;
      diagonal[equation] += 1;
    }
  }
  const scaledPrecision = new Float64Array(animals);
  const { sire, dam } = pedigree;
  for (let i = 0; i < animals; i++) {
    const s = sire[i];
    const d = dam[i];
    const delta = alpha / mendelianVariance(s > 0 ? inbreeding[s - 1] : -1, d > 0 ? inbreeding[d - 1] : -1);
    scaledPrecision[i] = delta;
    diagonal[fixedEquations + i] += delta;
    if (s > 0) diagonal[fixedEquations + s - 1] += 0.25 * delta;
    if (d > 0) diagonal[fixedEquations + d - 1] += 0.25 * delta;
  }
  const fixedAtZero = new Uint8Array(size);
  // Cross-classified factors share the mean: each factor after the first loses its first level with records to a 0.
  factors.forEach((factor, f) => {
    let reference = f > 0;
    for (let level = 0; level < factor.levels; level++) {
      const equation = factorOffset[f] + level;
      if (diagonal[equation] === 0) fixedAtZero[equation] = 1;
      else if (reference) (fixedAtZero[equation] = 1), (reference = false);
    }
  });
  for (let e = 0; e < fixedEquations; e++) if (fixedAtZero[e]) (rhs[e] = 0), (diagonal[e] = 1);
  return { size, fixedEquations, factorOffset, animals, recordEquations, terms, sire, dam, scaledPrecision, fixedAtZero, centre, rhs, diagonal };
}

/** q = C p, computed from the records and the pedigree (iteration on data). */
export function multiply(equations: MixedModelEquations, p: Float64Array, q: Float64Array): void {
  const { recordEquations, terms, fixedEquations: offset, animals, sire, dam, scaledPrecision, fixedAtZero } = equations;
  q.fill(0);
  const end = recordEquations.length;
  if (terms === 2) {
    // The common case (one factor) without the inner loops.
    for (let k = 0; k < end; k += 2) {
      const a = recordEquations[k];
      const b = recordEquations[k + 1];
      const t = p[a] + p[b];
      q[a] += t;
      q[b] += t;
    }
  } else {
    for (let k = 0; k < end; k += terms) {
      let t = 0;
      for (let j = 0; j < terms; j++) t += p[recordEquations[k + j]];
      for (let j = 0; j < terms; j++) q[recordEquations[k + j]] += t;
    }
  }
  for (let i = 0; i < animals; i++) {
    const s = sire[i];
    const d = dam[i];
    const self = offset + i;
    let t = p[self];
    if (s > 0) t -= 0.5 * p[offset + s - 1];
    if (d > 0) t -= 0.5 * p[offset + d - 1];
    t *= scaledPrecision[i];
    q[self] += t;
    if (s > 0) q[offset + s - 1] -= 0.5 * t;
    if (d > 0) q[offset + d - 1] -= 0.5 * t;
  }
  for (let e = 0; e < offset; e++) if (fixedAtZero[e]) q[e] = 0;
}
