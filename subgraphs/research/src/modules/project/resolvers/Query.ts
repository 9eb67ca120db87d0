import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  researchProjects: (_, args, { projects }) => projects.search(args),
  researchProject: (_, { id }, { projects }) => projects.byId(id),
  projectGrantsGiven: (_, args, { projects }) => projects.grantsGiven(args),
};
