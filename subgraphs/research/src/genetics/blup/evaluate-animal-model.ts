import type { AnimalModelInput, AnimalModelResult, FixedFactor, SolverOptions } from './animal-model.js';
import { checkedInput, varianceRatio } from './animal-model-input.js';
import { approximateAccuracy } from './approximate-accuracy.js';
import { solveByConjugateGradient } from './conjugate-gradient.js';
import { EXACT_ACCURACY_MAX_EQUATIONS, exactAccuracy } from './exact-accuracy.js';
import { inbreedingCoefficients } from './inbreeding.js';
import { buildEquations, type MixedModelEquations } from './mixed-model-equations.js';
import { parentsFirstOrder } from './pedigree-order.js';

/**
 * BLUP of breeding values under the single-trait animal model (Henderson 1975): checks the input (coded errors), computes F
 * unless given, solves the mixed-model equations by PCG with iteration on data, then the accuracies. Synchronous and
 * CPU-bound: a service runs it through `runEvaluationInWorker`.
 */
export function evaluateAnimalModel(input: AnimalModelInput, options: SolverOptions = {}): AnimalModelResult {
  const factors = checkedInput(input);
  const alpha = varianceRatio(input.variance);
  const { sire, dam } = input.pedigree;
  const order = parentsFirstOrder(sire, dam);
  const inbreeding = input.pedigree.inbreeding ?? inbreedingCoefficients(sire, dam, order);
  const equations = buildEquations(input.pedigree, inbreeding, input.records, factors, alpha);
  const solved = solveByConjugateGradient(equations, options);
  const method = options.accuracy ?? 'auto';
  const accuracyMethod = method === 'auto' ? (equations.size <= EXACT_ACCURACY_MAX_EQUATIONS ? 'exact' : 'approximate') : method;
  const accuracy =
    accuracyMethod === 'exact'
      ? exactAccuracy(equations, inbreeding, alpha)
      : accuracyMethod === 'approximate'
        ? approximateAccuracy(equations, order, alpha)
        : new Float64Array(0);
  return {
    ebv: solved.solution.slice(equations.fixedEquations),
    accuracy,
    accuracyMethod,
    fixed: fixedSolutions(equations, factors, solved.solution),
    inbreeding,
    varianceRatio: alpha,
    iterations: solved.iterations,
    converged: solved.converged,
    relativeResidual: solved.relativeResidual,
    equations: equations.size,
    animals: equations.animals,
    records: input.records.animal.length,
  };
}

function fixedSolutions(equations: MixedModelEquations, factors: FixedFactor[], solution: Float64Array) {
  return factors.map((factor, f) => {
    const first = equations.factorOffset[f];
    const records = new Int32Array(factor.levels);
    for (let r = 0; r < factor.levelOfRecord.length; r++) records[factor.levelOfRecord[r]]++;
    const solutions = solution.slice(first, first + factor.levels);
    let referenceLevel = -1;
    for (let level = 0; level < factor.levels; level++) {
      if (f === 0) solutions[level] += equations.centre;
      if (records[level] === 0) solutions[level] = Number.NaN;
      else if (referenceLevel < 0 && f > 0 && equations.fixedAtZero[first + level]) referenceLevel = level;
    }
    return { name: factor.name, solutions, records, referenceLevel };
  });
}
