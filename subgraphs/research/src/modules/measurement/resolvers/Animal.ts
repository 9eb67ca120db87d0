import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  // Whether the animal exists is the animal subgraph's business; research only adds its measurements.
  __resolveReference: ({ id }) => ({ id }),
  measurements: (animal, args, { measurements }) => measurements.forAnimal(animal.id, args),
};
