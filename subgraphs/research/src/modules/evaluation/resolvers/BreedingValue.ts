import type { BreedingValueResolvers } from '../../../__generated__/resolvers-types.js';
import { traitById } from '../../trait/trait-catalog.js';

export const BreedingValue: BreedingValueResolvers = {
  trait: (value) => traitById(value.trait)!,
  // The run is the caller's organisation's, as the value is: it is found.
  run: async (value, _, { evaluations }) => (await evaluations.byId(value.runId))!,
};
