import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  signOut: (_parent, _args, { sessions }) => sessions.end(),
  revokeSession: (_parent, { id }, { sessions }) => sessions.revoke(id),
  signOutEverywhere: (_parent, _args, { sessions }) => sessions.endEverywhere(),
};
