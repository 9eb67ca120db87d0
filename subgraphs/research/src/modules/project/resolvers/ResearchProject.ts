import type { ResearchProjectResolvers } from '../../../__generated__/resolvers-types.js';

export const ResearchProject: ResearchProjectResolvers = {
  organization: (project) => ({ id: project.tenantId }),
  myRole: (project, _, { projects }) => projects.myRole(project),
  members: (project, _, { projects }) => projects.members(project),
  findings: (project, _, { projects }) => projects.findings(project),
  publications: (project, _, { projects }) => projects.publications(project),
  grants: (project, _, { projects }) => projects.grants(project),
};
