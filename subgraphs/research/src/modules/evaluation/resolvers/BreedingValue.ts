import type { BreedingValueResolvers } from '../../../__generated__/resolvers-types.js';
import { traitById } from '../../trait/trait-catalog.js';

export const BreedingValue: BreedingValueResolvers = {
  trait: (value) => traitById(value.trait)!,
  // The run is visible wherever its value is (the same organisation, or the same project's members): it is found.
  run: async (value, _, { evaluations }) => (await evaluations.byId(value.runId))!,
};
