import { choleskyInPlace, inverseDiagonal } from './dense-cholesky.js';
import type { MixedModelEquations } from './mixed-model-equations.js';

/**
 * Above this many equations the exact accuracies are not computed (`accuracy: 'auto'` switches to the approximation): the
 * dense inverse costs m²·8 bytes and about m³/2 multiply-adds (2,000 equations: 32 MB, about 3.6 s of CPU here; see README).
 */
export const EXACT_ACCURACY_MAX_EQUATIONS = 2_000;

/** The coefficient matrix as a dense lower triangle (rows of held-at-zero equations are the identity's). */
export function denseCoefficients(equations: MixedModelEquations): Float64Array {
  const { size: m, recordEquations, terms, fixedEquations: offset, animals, sire, dam, scaledPrecision, fixedAtZero } = equations;
  const matrix = new Float64Array(m * m);
  const add = (a: number, b: number, value: number) => {
    if (fixedAtZero[a] || fixedAtZero[b]) return;
    if (a >= b) matrix[a * m + b] += value;
    else matrix[b * m + a] += value;
  };
  for (let k = 0; k < recordEquations.length; k += terms) {
    for (let i = 0; i < terms; i++) for (let j = 0; j <= i; j++) add(recordEquations[k + i], recordEquations[k + j], 1);
  }
  const entries: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < animals; i++) {
    entries.length = 0;
    weights.length = 0;
    entries.push(offset + i), weights.push(1);
    if (sire[i] > 0) entries.push(offset + sire[i] - 1), weights.push(-0.5);
    if (dam[i] > 0) entries.push(offset + dam[i] - 1), weights.push(-0.5);
    for (let a = 0; a < entries.length; a++) {
      for (let b = 0; b < entries.length; b++) if (entries[a] >= entries[b]) add(entries[a], entries[b], scaledPrecision[i] * weights[a] * weights[b]);
    }
  }
  for (let e = 0; e < offset; e++) if (fixedAtZero[e]) matrix[e * m + e] = 1;
  return matrix;
}

/** r = √(1 − PEV/((1 + F)σ²a)) with PEV = C^ii σ²e, i.e. PEV/σ²a = α C^ii, from the dense inverse of the equations. */
export function exactAccuracy(equations: MixedModelEquations, inbreeding: Float64Array, alpha: number): Float64Array {
  const m = equations.size;
  const factor = denseCoefficients(equations);
  choleskyInPlace(factor, m);
  const animalBlock = inverseDiagonal(factor, m, equations.fixedEquations);
  const accuracy = new Float64Array(equations.animals);
  for (let i = 0; i < equations.animals; i++) accuracy[i] = accuracyFrom((alpha * animalBlock[i]) / (1 + inbreeding[i]));
  return accuracy;
}

/** r from PEV as a share of the animal's additive variance; rounding can push that share a hair past 1. */
export const accuracyFrom = (pevShare: number) => Math.sqrt(Math.max(0, 1 - pevShare));
