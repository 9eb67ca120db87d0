import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { listingCursor } from '../modules/listing/listing-service.js';

export const Query: QueryResolvers = {
  listing: (_, { id }, { listings }) => listings.byId(id),
  listings: async (_, { first, after }, { listings }) => {
    const page = await listings.list(first, after);
    const edges = page.rows.map((row) => ({ cursor: listingCursor(row), node: row }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  },
};
