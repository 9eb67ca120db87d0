import type { ListingResolvers } from '../../../__generated__/resolvers-types.js';
import { statusAt } from '../listing-status.js';

export const Listing: ListingResolvers = {
  __resolveReference: ({ id }, { listings }) => listings.byId(id),
  animal: (listing, _, { listings }) => listings.animalOf(listing),
  status: (listing) => statusAt(listing),
  sellerLocation: (listing) => (listing.sellerCountry ? { country: listing.sellerCountry, region: listing.sellerRegion } : null),
  seller: (listing) => ({ id: listing.tenantId }),
};
