import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  farmHistory: (animal, _, { farms }) => farms.history(animal.id),
  currentFarm: (animal, _, { farms }) => farms.current(animal.id),
};
