import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  ownershipHistory: (animal, _, { ownership }) => ownership.history(animal),
};
