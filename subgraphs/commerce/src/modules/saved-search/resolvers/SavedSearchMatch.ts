import type { SavedSearchMatchResolvers } from '../../../__generated__/resolvers-types.js';
import { matchCursor } from '../saved-search-input.js';

export const SavedSearchMatch: SavedSearchMatchResolvers = {
  cursor: (match) => matchCursor(match.position),
  savedSearch: async (match, _, { savedSearches }) => (await savedSearches.byId(match.savedSearchId))!,
  listing: (match, _, { listings }) => listings.byId(match.listingId),
  matchedAt: (match) => match.createdAt,
};
