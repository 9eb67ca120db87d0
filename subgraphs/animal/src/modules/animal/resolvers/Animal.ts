import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  __resolveReference: ({ id }, { animals }) => animals.byId(id),
  species: (animal, _, { species }) => species.byId(animal.speciesId)!,
  // Through the pedigrees of this request, which load (and prime) whole lines of ancestors at once.
  sire: (animal, _, { pedigrees }) => (animal.sireId ? pedigrees.ancestor(animal.sireId) : null),
  dam: (animal, _, { pedigrees }) => (animal.damId ? pedigrees.ancestor(animal.damId) : null),
  owner: (animal) => ({ id: animal.tenantId }),
};
