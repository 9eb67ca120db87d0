import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';
import { unlessLineageOnly } from '../lineage-only.js';
import { maturityOf, todayUtc } from '../maturity.js';

export const Animal: AnimalResolvers = {
  __resolveReference: ({ id }, { animals }) => animals.byId(id),
  species: (animal, _, { species }) => species.byId(animal.speciesId)!,
  // Through the pedigrees of this request, which load (and prime) whole lines of ancestors at once.
  sire: (animal, _, { pedigrees }) => (animal.sireId ? pedigrees.ancestor(animal.sireId, animal) : null),
  dam: (animal, _, { pedigrees }) => (animal.damId ? pedigrees.ancestor(animal.damId, animal) : null),
  // A lineage-only animal of another organisation is a name in a lineage: nothing else about it is shown.
  owner: (animal) => unlessLineageOnly(animal, null, () => ({ id: animal.tenantId })),
  status: (animal) => unlessLineageOnly(animal, null, () => animal.status),
  maturity: (animal, _, { species }) => unlessLineageOnly(animal, null, () => maturityOf(animal, species.byId(animal.speciesId)!, todayUtc())),
  createdAt: (animal) => unlessLineageOnly(animal, null, () => animal.createdAt),
  updatedAt: (animal) => unlessLineageOnly(animal, null, () => animal.updatedAt),
};
