import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  genotype: (animal, _, { morphs }) => morphs.genotypeOf(animal),
};
