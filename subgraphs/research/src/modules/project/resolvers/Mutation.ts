import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createResearchProject: (_, { input }, { projects }) => projects.create(input),
  updateResearchProject: (_, { id, input }, { projects }) => projects.update(id, input),
  addProjectMember: (_, args, { projects }) => projects.invite(args),
  acceptProjectInvitation: (_, { token }, { projects }) => projects.accept(token),
  removeProjectMember: (_, args, { projects }) => projects.removeMember(args),
  changeProjectMemberRole: (_, args, { projects }) => projects.changeRole(args),
  addProjectFinding: (_, { projectId, input }, { projects }) => projects.addFinding(projectId, input),
  addProjectPublication: (_, { projectId, input }, { projects }) => projects.addPublication(projectId, input),
  grantProjectAccess: (_, args, { projects }) => projects.grant(args),
  revokeProjectGrant: (_, { id }, { projects }) => projects.revokeGrant(id),
};
