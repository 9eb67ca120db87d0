import type { ListingResolvers } from '../../../__generated__/resolvers-types.js';

export const Listing: ListingResolvers = {
  __resolveReference: ({ id }, { listings }) => listings.byId(id),
  animal: (listing, _, { listings }) => listings.animalOf(listing),
};
