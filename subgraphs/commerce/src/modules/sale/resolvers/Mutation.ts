import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  reserveListing: (_, { listingId, idempotencyKey }, { sales }) => sales.reserve(listingId, idempotencyKey),
  acceptReservation: (_, { id }, { sales }) => sales.accept(id),
  declineReservation: (_, { id, reason }, { sales }) => sales.decline(id, reason),
  completeSale: (_, { saleId }, { sales }) => sales.complete(saleId),
  cancelSale: (_, { id, reason }, { sales }) => sales.cancel(id, reason),
};
