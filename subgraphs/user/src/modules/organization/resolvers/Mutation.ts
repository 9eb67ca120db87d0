import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createOrganization: (_parent, { name }, { organizations }) => organizations.create(name),
  switchOrganization: (_parent, { organizationId }, { organizations }) => organizations.switchTo(organizationId),
  inviteMember: (_parent, { email, role }, { organizations }) => organizations.invite(email, role),
  acceptInvitation: (_parent, { token }, { organizations }) => organizations.accept(token),
  revokeInvitation: (_parent, { id }, { organizations }) => organizations.revokeInvitation(id),
  changeMemberRole: (_parent, { userId, role }, { organizations }) => organizations.changeRole(userId, role),
  removeMember: (_parent, { userId }, { organizations }) => organizations.remove(userId),
  leaveOrganization: (_parent, { organizationId }, { organizations }) => organizations.leave(organizationId),
  setRetentionPolicy: (_parent, { days }, { organizations }) => organizations.setRetention(days ?? null),
};
