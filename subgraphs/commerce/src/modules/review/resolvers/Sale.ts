import type { SaleResolvers } from '../../../__generated__/resolvers-types.js';

export const Sale: SaleResolvers = {
  // The sale module resolves the Sale itself (to its parties only); this module adds its review.
  review: (sale, _, { reviews }) => reviews.reviewOfSale(sale.id),
};
