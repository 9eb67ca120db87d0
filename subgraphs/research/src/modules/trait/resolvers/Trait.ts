import type { TraitResolvers } from '../../../__generated__/resolvers-types.js';
import { acceptedUnits } from '../trait-catalog.js';

export const Trait: TraitResolvers = {
  acceptedUnits: (trait) => acceptedUnits(trait),
  range: (trait, { species }) => {
    const range = trait.ranges[species.trim().toLowerCase()];
    return range ? { min: range[0], max: range[1], unit: trait.canonicalUnit } : null;
  },
  species: (trait) => Object.keys(trait.ranges),
};
