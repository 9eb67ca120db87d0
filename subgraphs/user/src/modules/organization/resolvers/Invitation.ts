import type { InvitationResolvers } from '../../../__generated__/resolvers-types.js';

export const Invitation: InvitationResolvers = {
  organization: (invitation, _args, { organizations }) => organizations.referencedBy('Invitation', invitation.organizationId),
};
