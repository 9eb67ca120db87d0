import type { EvaluationDatasetResolvers } from '../../../__generated__/resolvers-types.js';

export const EvaluationDataset: EvaluationDatasetResolvers = {
  trait: (dataset) => dataset.trait,
};
