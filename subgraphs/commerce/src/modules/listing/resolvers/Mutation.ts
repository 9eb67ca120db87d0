import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createListing: (_, { input }, { listings }) => listings.create(input),
  updateListing: (_, { id, input }, { listings }) => listings.update(id, input),
  publishListing: (_, { id }, { listings }) => listings.publish(id),
  withdrawListing: (_, { id }, { listings }) => listings.withdraw(id),
};
