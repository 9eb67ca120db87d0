import type { ReviewResolvers } from '../../../__generated__/resolvers-types.js';

export const Review: ReviewResolvers = {
  author: (review) => ({ id: review.tenantId }),
  seller: (review) => ({ id: review.sellerOrganizationId }),
  listing: (review, _, { listings }) => listings.byId(review.listingId),
};
