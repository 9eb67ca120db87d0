import type { UserResolvers } from '../../../__generated__/resolvers-types.js';

export const User: UserResolvers = {
  __resolveReference: (reference, { users }) => users.byId(reference.id),
  role: (user, _args, { users }) => users.roleOf(user),
  organization: (user, _args, { users }) => users.organizationOf(user),
};
