import type { SavedListingFilter, SavedSearchResolvers } from '../../../__generated__/resolvers-types.js';

export const SavedSearch: SavedSearchResolvers = {
  // Stored as the ListingFilter input was given (nulls left out); absent fields read as null.
  filter: (search) => search.filter as SavedListingFilter,
  matches: (search, { after }, { savedSearches }) => savedSearches.matchesOf(search, after),
};
