import type { PendingInvitationResolvers } from '../../../__generated__/resolvers-types.js';

export const PendingInvitation: PendingInvitationResolvers = {
  async organization(invitation, _args, { loaders }) {
    const organization = await loaders.organizations.load(invitation.organizationId);
    if (!organization) throw new Error(`Invitation points to missing organisation ${invitation.organizationId}`);
    return organization;
  },
  // Null when the inviter's account is gone.
  invitedBy: (invitation, _args, { loaders }) => loaders.users.load(invitation.invitedBy),
};
