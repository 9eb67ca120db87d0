import type { GrantReadResolvers } from '../../../__generated__/resolvers-types.js';

export const GrantRead: GrantReadResolvers = {
  readerOrganization: (read) => ({ id: read.readerOrganizationId }),
};
