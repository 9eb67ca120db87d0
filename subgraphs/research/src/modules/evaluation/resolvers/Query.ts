import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  evaluationRuns: (_, args, { evaluations }) => evaluations.list(args),
  evaluationRun: (_, { id }, { evaluations }) => evaluations.byId(id),
  geneticTrend: (_, { species, trait, scope }, { evaluations }) => evaluations.trend(species, trait, scope),
  exportEvaluationDataset: (_, { species, trait, scope }, { evaluationExchange }) => evaluationExchange.export(species, trait, scope),
};
