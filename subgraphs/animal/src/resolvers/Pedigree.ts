import type { AnimalResolvers } from '../__generated__/resolvers-types.js';

/** Animal.pedigree (schema/animal/pedigree.graphql), merged into Animal in index.ts. */
export const PedigreeAnimal: Pick<AnimalResolvers, 'pedigree'> = {
  pedigree: (animal, { generations }, { pedigrees }) => pedigrees.pedigree(animal, generations),
};
