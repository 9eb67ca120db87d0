import type { AnimalResolvers, MutationResolvers, QueryResolvers, SpeciesResolvers } from '../__generated__/resolvers-types.js';

/** Morph genetics fields (schema/animal/morphs.graphql), merged into the root types, Animal and Species in index.ts. */
export const MorphQuery: Pick<QueryResolvers, 'predictOffspring' | 'parseGenotype'> = {
  predictOffspring: (_, { sire, dam, species }, { morphs }) => morphs.predict(sire, dam, species ?? 'Ball python'),
  parseGenotype: (_, { genotype, species }, { morphs }) => morphs.parse(genotype, species ?? 'Ball python'),
};

export const MorphMutation: Pick<MutationResolvers, 'setGenotype'> = {
  setGenotype: (_, { animalId, genotype }, { morphs }) => morphs.setGenotype(animalId, genotype),
};

export const MorphAnimal: Pick<AnimalResolvers, 'genotype'> = {
  genotype: (animal, _, { morphs }) => morphs.genotypeOf(animal),
};

export const MorphSpecies: Pick<SpeciesResolvers, 'genes'> = {
  genes: (species, _, { morphs }) => morphs.genesOf(species),
};
