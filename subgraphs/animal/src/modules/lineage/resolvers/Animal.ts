import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  offspring: (animal, _, { lineages }) => lineages.offspring(animal),
  descendants: (animal, { generations }, { lineages }) => lineages.descendants(animal, generations),
};
