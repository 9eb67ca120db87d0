import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { listingConnection } from '../listing-connection.js';

export const Query: QueryResolvers = {
  listing: (_, { id }, { listings }) => listings.byId(id),
  listings: async (_, { first, after }, { listings }) => listingConnection(await listings.list(first, after)),
};
