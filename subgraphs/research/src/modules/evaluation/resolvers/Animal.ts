import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  breedingValues: (animal, { scope }, { evaluations }) => evaluations.breedingValuesOf(animal.id, scope),
};
