import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  searchListings: (_, args, { search }) => search.search(args),
};
