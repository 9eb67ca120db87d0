import type { PendingInvitationResolvers } from '../../../__generated__/resolvers-types.js';

export const PendingInvitation: PendingInvitationResolvers = {
  organization: (invitation, _args, { organizations }) => organizations.referencedBy('Invitation', invitation.organizationId),
  // Null when the inviter's account is gone.
  invitedBy: (invitation, _args, { loaders }) => loaders.users.load(invitation.invitedBy),
};
