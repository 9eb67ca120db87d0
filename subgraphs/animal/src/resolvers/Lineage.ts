import type { AnimalResolvers, MutationResolvers } from '../__generated__/resolvers-types.js';

/** Lineage fields (schema/animal/lineage.graphql), merged into Animal and Mutation in index.ts. */
export const LineageMutation: Pick<MutationResolvers, 'setParents'> = {
  // graphql-js leaves an omitted argument (or unsent variable) out of args, so it stays undefined: that parent is kept.
  setParents: (_, { animalId, sireId, damId }, { lineages }) => lineages.setParents(animalId, { sireId, damId }),
};

export const LineageAnimal: Pick<AnimalResolvers, 'offspring' | 'descendants'> = {
  offspring: (animal, _, { lineages }) => lineages.offspring(animal),
  descendants: (animal, { generations }, { lineages }) => lineages.descendants(animal, generations),
};
