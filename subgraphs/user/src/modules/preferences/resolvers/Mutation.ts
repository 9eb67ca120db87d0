import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  updateMyPreferences: (_parent, { input, expectedVersion }, { preferences }) => preferences.updateMine(input, expectedVersion),
  updateOrganizationPreferences: (_parent, { input, expectedVersion }, { preferences }) => preferences.updateOrganizations(input, expectedVersion),
};
