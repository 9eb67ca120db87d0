import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  // graphql-js leaves an omitted argument (or unsent variable) out of args, so it stays undefined: that parent is kept.
  setParents: (_, { animalId, sireId, damId }, { lineages }) => lineages.setParents(animalId, { sireId, damId }),
};
