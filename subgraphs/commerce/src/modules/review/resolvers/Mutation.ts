import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  reviewSale: (_, { input }, { reviews }) => reviews.review(input),
};
