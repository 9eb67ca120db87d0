import type { SolverOptions } from './animal-model.js';
import { type MixedModelEquations, multiply } from './mixed-model-equations.js';

export const DEFAULT_TOLERANCE = 1e-12;
export const DEFAULT_MAX_ITERATIONS = 10_000;
/** The recursively updated residual drifts from b − Cx in floating point; it is recomputed from the data this often. */
const RESIDUAL_REFRESH = 50;

export interface ConjugateGradientResult {
  solution: Float64Array;
  iterations: number;
  converged: boolean;
  relativeResidual: number;
}

/**
 * Preconditioned conjugate gradient (Hestenes & Stiefel 1952) with the diagonal of C as preconditioner, each product C p
 * computed from the data (`multiply`): six work vectors of the equations' length and no matrix. Stops when ‖r‖²/‖rhs‖² ≤
 * tolerance, with r = rhs − C x recomputed exactly before convergence is declared. For the singular but consistent
 * equations of confounded factors CG still converges, to one solution of many; the breeding values are the same in all.
 */
export function solveByConjugateGradient(equations: MixedModelEquations, options: SolverOptions = {}): ConjugateGradientResult {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const { size, rhs, diagonal } = equations;
  const inverseDiagonal = new Float64Array(size);
  for (let e = 0; e < size; e++) inverseDiagonal[e] = 1 / diagonal[e];
  const x = new Float64Array(size);
  const r = Float64Array.from(rhs);
  const z = new Float64Array(size);
  const p = new Float64Array(size);
  const q = new Float64Array(size);
  const rhsNorm = dot(rhs, rhs);
  if (rhsNorm === 0) return { solution: x, iterations: 0, converged: true, relativeResidual: 0 };
  let rz = 0;
  for (let e = 0; e < size; e++) (z[e] = r[e] * inverseDiagonal[e]), (p[e] = z[e]), (rz += r[e] * z[e]);
  let relativeResidual = 1;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    multiply(equations, p, q);
    const step = rz / dot(p, q);
    for (let e = 0; e < size; e++) (x[e] += step * p[e]), (r[e] -= step * q[e]);
    relativeResidual = dot(r, r) / rhsNorm;
    if (relativeResidual <= tolerance || iteration % RESIDUAL_REFRESH === 0) {
      multiply(equations, x, q);
      for (let e = 0; e < size; e++) r[e] = rhs[e] - q[e];
      relativeResidual = dot(r, r) / rhsNorm;
    }
    options.onProgress?.({ iteration, maxIterations, relativeResidual, tolerance });
    if (options.signal?.aborted) throw options.signal.reason ?? new DOMException('The evaluation was cancelled', 'AbortError');
    if (relativeResidual <= tolerance) return { solution: x, iterations: iteration, converged: true, relativeResidual };
    let rzNext = 0;
    for (let e = 0; e < size; e++) (z[e] = r[e] * inverseDiagonal[e]), (rzNext += r[e] * z[e]);
    const beta = rzNext / rz;
    rz = rzNext;
    for (let e = 0; e < size; e++) p[e] = z[e] + beta * p[e];
  }
  return { solution: x, iterations: maxIterations, converged: false, relativeResidual };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let e = 0; e < a.length; e++) sum += a[e] * b[e];
  return sum;
}
