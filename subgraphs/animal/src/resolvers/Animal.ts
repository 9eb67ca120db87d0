import type { AnimalResolvers } from '../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  __resolveReference: ({ id }, { animals }) => animals.byId(id),
  species: (animal, _, { species }) => species.byId(animal.speciesId)!,
  sire: (animal, _, { animals }) => (animal.sireId ? animals.byId(animal.sireId) : null),
  dam: (animal, _, { animals }) => (animal.damId ? animals.byId(animal.damId) : null),
  owner: (animal) => ({ id: animal.tenantId }),
};
