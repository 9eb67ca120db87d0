import type { UserResolvers } from '../../../__generated__/resolvers-types.js';

export const User: UserResolvers = {
  profile: (user, _args, { profiles }) => profiles.profileOf(user),
};
