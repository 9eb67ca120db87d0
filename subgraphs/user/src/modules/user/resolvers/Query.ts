import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  me: (_parent, _args, { users }) => users.me(),
};
