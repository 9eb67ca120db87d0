import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  marketStats: (_, args, { marketStats }) => marketStats.months(args),
};
