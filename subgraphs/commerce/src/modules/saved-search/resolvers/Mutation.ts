import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  saveSearch: (_, { input }, { savedSearches }) => savedSearches.save(input),
  deleteSavedSearch: (_, { id }, { savedSearches }) => savedSearches.delete(id),
};
