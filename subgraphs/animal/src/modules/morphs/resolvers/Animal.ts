import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';
import { unlessLineageOnly } from '../../animal/lineage-only.js';

export const Animal: AnimalResolvers = {
  genotype: (animal, _, { morphs }) => unlessLineageOnly(animal, null, () => morphs.genotypeOf(animal)),
};
