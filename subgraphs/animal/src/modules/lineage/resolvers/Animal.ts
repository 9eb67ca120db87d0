import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';
import { unlessLineageOnly } from '../../animal/lineage-only.js';

export const Animal: AnimalResolvers = {
  // A lineage-only animal of another organisation shows no descendants.
  offspring: (animal, _, { lineages }) => unlessLineageOnly(animal, [], () => lineages.offspring(animal)),
  descendants: (animal, { generations }, { lineages }) => unlessLineageOnly(animal, [], () => lineages.descendants(animal, generations)),
};
