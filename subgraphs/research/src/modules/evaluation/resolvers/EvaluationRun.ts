import type { EvaluationRunResolvers } from '../../../__generated__/resolvers-types.js';
import { traitById } from '../../trait/trait-catalog.js';

export const EvaluationRun: EvaluationRunResolvers = {
  trait: (run) => traitById(run.trait)!,
  varianceComponents: (run) => (run.additiveVariance != null && run.residualVariance != null ? { additive: run.additiveVariance, residual: run.residualVariance } : null),
  fixedEffectSolutions: (run) => run.fixedEffectSolutions ?? [],
};
