import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  sessionIdentity: (_parent, { token }, { sessions }) => sessions.identify(token),
  mySessions: (_parent, _args, { sessions }) => sessions.mine(),
};
