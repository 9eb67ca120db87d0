import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  setGenotype: (_, { animalId, genotype }, { morphs }) => morphs.setGenotype(animalId, genotype),
};
