import type { OrganizationMembershipResolvers } from '../../../__generated__/resolvers-types.js';

export const OrganizationMembership: OrganizationMembershipResolvers = {
  organization: (membership, _args, { organizations }) => organizations.referencedBy('Membership', membership.organizationId),
  async user(membership, _args, { loaders }) {
    const user = await loaders.users.load(membership.userId);
    if (!user) throw new Error(`Membership points to missing user ${membership.userId}`);
    return user;
  },
  joinedAt: (membership) => membership.createdAt,
  current: (membership, _args, { organizations }) => organizations.isCurrent(membership),
};
