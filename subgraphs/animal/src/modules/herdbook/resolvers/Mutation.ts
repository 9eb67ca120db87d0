import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  importPedigree: (_, { input }, { herdbook }) => herdbook.importPedigree(input),
};
