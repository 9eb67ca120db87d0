import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  measurement: (_, { id }, { measurements }) => measurements.byId(id),
};
