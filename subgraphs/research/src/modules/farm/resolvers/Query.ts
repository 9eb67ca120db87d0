import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  farms: (_, __, { farms }) => farms.list(),
  farm: (_, { id }, { farms }) => farms.byId(id),
  farmsNear: (_, { latitude, longitude, km }, { farms }) => farms.near(latitude, longitude, km),
};
