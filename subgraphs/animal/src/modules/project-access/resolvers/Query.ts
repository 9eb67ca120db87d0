import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  grantReads: (_, args, { projectAccess }) => projectAccess.reads(args),
};
