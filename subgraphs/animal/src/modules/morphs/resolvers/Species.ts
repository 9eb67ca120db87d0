import type { SpeciesResolvers } from '../../../__generated__/resolvers-types.js';

export const Species: SpeciesResolvers = {
  genes: (species, _, { morphs }) => morphs.genesOf(species),
};
