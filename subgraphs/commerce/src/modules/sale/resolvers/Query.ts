import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { toConnection } from '@studbook/platform';

export const Query: QueryResolvers = {
  sale: (_, { id }, { sales }) => sales.byId(id),
  mySales: async (_, { state, first, after }, { sales }) => toConnection(await sales.list('seller', state, first, after)),
  myPurchases: async (_, { state, first, after }, { sales }) => toConnection(await sales.list('buyer', state, first, after)),
};
