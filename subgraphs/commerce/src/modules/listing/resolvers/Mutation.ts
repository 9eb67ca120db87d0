import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createListing: (_, { input }, { listings }) => listings.create(input),
};
