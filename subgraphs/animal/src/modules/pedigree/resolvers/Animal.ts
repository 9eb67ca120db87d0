import { selects } from '@studbook/platform';
import type { AnimalResolvers } from '../../../__generated__/resolvers-types.js';

export const Animal: AnimalResolvers = {
  // Nodes (capped positions, ancestor details) are built only when selected; completeness comes from the graph.
  pedigree: (animal, { generations }, { pedigrees }, info) => pedigrees.pedigree(animal, generations, selects(info, 'nodes')),
};
