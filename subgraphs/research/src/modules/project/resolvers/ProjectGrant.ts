import type { ProjectGrantResolvers } from '../../../__generated__/resolvers-types.js';

export const ProjectGrant: ProjectGrantResolvers = {
  organization: (grant) => ({ id: grant.tenantId }),
  species: (grant) => grant.speciesId,
  project: (grant, _, { projects }) => projects.byId(grant.projectId),
  // Farms are private to their organisation: read as the caller, another organisation's member gets null.
  farm: (grant, _, { farms }) => (grant.farmId ? farms.byId(grant.farmId) : null),
  group: (grant, _, { farms }) => (grant.groupId ? farms.groupById(grant.groupId) : null),
  animalsCovered: (grant, _, { projects }) => projects.animalsCovered(grant),
};
