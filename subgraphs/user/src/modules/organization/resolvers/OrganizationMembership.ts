import type { OrganizationMembershipResolvers } from '../../../__generated__/resolvers-types.js';

export const OrganizationMembership: OrganizationMembershipResolvers = {
  async organization(membership, _args, { loaders }) {
    const organization = await loaders.organizations.load(membership.organizationId);
    if (!organization) throw new Error(`Membership points to missing organisation ${membership.organizationId}`);
    return organization;
  },
  async user(membership, _args, { loaders }) {
    const user = await loaders.users.load(membership.userId);
    if (!user) throw new Error(`Membership points to missing user ${membership.userId}`);
    return user;
  },
  joinedAt: (membership) => membership.createdAt,
  current: (membership, _args, { organizations }) => organizations.isCurrent(membership),
};
