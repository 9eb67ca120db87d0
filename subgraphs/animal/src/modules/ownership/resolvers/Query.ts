import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  animalTransfers: (_, { first }, { ownership }) => ownership.transfers(first),
};
