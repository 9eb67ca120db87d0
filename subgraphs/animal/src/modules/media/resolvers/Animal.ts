import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  media: (animal, _, { media }) => media.mediaOf(animal.id),
  coverPhoto: (animal, _, { media }) => media.coverPhotoOf(animal.id),
};
