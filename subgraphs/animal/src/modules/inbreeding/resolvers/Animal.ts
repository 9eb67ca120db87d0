import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  inbreedingCoefficient: (animal, _, { inbreeding }) => inbreeding.coefficientOf(animal),
};
