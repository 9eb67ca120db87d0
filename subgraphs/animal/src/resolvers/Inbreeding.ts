import type { AnimalResolvers, QueryResolvers } from '../__generated__/resolvers-types.js';

/** Inbreeding fields (schema/animal/inbreeding.graphql), merged into Animal and Query in index.ts. */
export const InbreedingAnimal: Pick<AnimalResolvers, 'inbreedingCoefficient'> = {
  inbreedingCoefficient: (animal, _, { inbreeding }) => inbreeding.coefficientOf(animal),
};

export const InbreedingQuery: Pick<QueryResolvers, 'kinship' | 'pairingPreview' | 'populationStats'> = {
  kinship: (_, { a, b }, { inbreeding }) => inbreeding.kinship(a, b),
  pairingPreview: (_, { sireId, damId }, { inbreeding }) => inbreeding.pairingPreview(sireId, damId),
  populationStats: (_, { species }, { inbreeding }) => inbreeding.populationStats(species),
};
