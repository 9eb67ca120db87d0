import { toConnection } from '@studbook/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  listing: (_, { id }, { listings }) => listings.byId(id),
  listings: async (_, { first, after }, { listings }) => toConnection(await listings.list(first, after)),
};
