import type { InvitationResolvers } from '../../../__generated__/resolvers-types.js';

export const Invitation: InvitationResolvers = {
  async organization(invitation, _args, { loaders }) {
    const organization = await loaders.organizations.load(invitation.organizationId);
    if (!organization) throw new Error(`Invitation points to missing organisation ${invitation.organizationId}`);
    return organization;
  },
};
