import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  kinship: (_, { a, b }, { inbreeding }) => inbreeding.kinship(a, b),
  pairingPreview: (_, { sireId, damId }, { inbreeding }) => inbreeding.pairingPreview(sireId, damId),
  populationStats: (_, { species }, { inbreeding }) => inbreeding.populationStats(species),
};
