import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  runGeneticEvaluation: (_, { input }, { evaluations }) => evaluations.run(input),
  cancelEvaluation: (_, { id }, { evaluations }) => evaluations.cancel(id),
  importBreedingValues: (_, { species, csv, scope }, { evaluationExchange }) => evaluationExchange.import(species, csv, scope),
};
