import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createAnimal: (_, { input }, { animals }) => animals.create(input),
  updateAnimal: (_, { id, input }, { animals }) => animals.update(id, input),
  deleteAnimal: (_, { id }, { animals }) => animals.remove(id),
};
