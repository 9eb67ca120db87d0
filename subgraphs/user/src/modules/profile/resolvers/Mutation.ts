import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  updateProfile: (_parent, { input }, { profiles }) => profiles.update(input),
};
