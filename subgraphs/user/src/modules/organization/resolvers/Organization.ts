import type { OrganizationResolvers } from '../../../__generated__/resolvers-types.js';

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.organizations.load(reference.id),
};
