import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  animalsByExternalId: (_, { externalIds }, { herdbook }) => herdbook.byExternalIds(externalIds),
};
