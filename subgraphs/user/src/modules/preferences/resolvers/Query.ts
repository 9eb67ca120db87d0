import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  myPreferences: (_parent, _args, { preferences }) => preferences.mine(),
  organizationPreferences: (_parent, _args, { preferences }) => preferences.organizations(),
};
