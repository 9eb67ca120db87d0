import type { ProjectMemberResolvers } from '../../../__generated__/resolvers-types.js';

export const ProjectMember: ProjectMemberResolvers = {
  organization: (member) => ({ id: member.organizationId }),
  joinedAt: (member) => member.createdAt,
};
