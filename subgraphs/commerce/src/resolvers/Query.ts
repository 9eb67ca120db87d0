import { listingConnection } from '../modules/listing/listing-connection.js';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  listing: (_, { id }, { listings }) => listings.byId(id),
  listings: async (_, { first, after }, { listings }) => listingConnection(await listings.list(first, after)),
};
