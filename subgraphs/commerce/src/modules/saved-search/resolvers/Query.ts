import { toConnection } from '@studbook/platform';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  savedSearches: async (_, { first, after }, { savedSearches }) => toConnection(await savedSearches.list(first, after)),
  savedSearch: (_, { id }, { savedSearches }) => savedSearches.byId(id),
  savedSearchMatch: (_, { id }, { savedSearches }) => savedSearches.match(id),
};
