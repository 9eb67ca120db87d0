import { toConnection } from '@studbook/platform';
import type { SellerReputationResolvers } from '../../../__generated__/resolvers-types.js';

export const SellerReputation: SellerReputationResolvers = {
  averageRating: async ({ sellerOrganizationId }, _, { reviews }) => (await reviews.reputationOf(sellerOrganizationId)).averageRating,
  reviewCount: async ({ sellerOrganizationId }, _, { reviews }) => (await reviews.reputationOf(sellerOrganizationId)).reviewCount,
  reviews: async ({ sellerOrganizationId }, { first, after }, { reviews }) => toConnection(await reviews.reviewsOf(sellerOrganizationId, first, after)),
};
