import type { ProjectGrantResolvers } from '../../../__generated__/resolvers-types.js';

export const ProjectGrant: ProjectGrantResolvers = {
  organization: (grant) => ({ id: grant.tenantId }),
  species: (grant) => grant.speciesId,
  project: (grant, _, { projects }) => projects.byId(grant.projectId),
};
