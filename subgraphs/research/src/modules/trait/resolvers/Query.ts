import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  traits: (_, { species }, { traits }) => traits.ofSpecies(species),
};
