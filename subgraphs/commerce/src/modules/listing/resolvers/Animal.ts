import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  // Whether the animal exists is the animal subgraph's business; commerce only adds its listing.
  __resolveReference: ({ id }) => ({ id }),
  listing: (animal, _, { listings }) => listings.activeForAnimal(animal.id),
};
