import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  myOrganizations: (_parent, _args, { organizations }) => organizations.mine(),
  invitations: (_parent, { first, after }, { organizations }) => organizations.invitations(first, after),
};
