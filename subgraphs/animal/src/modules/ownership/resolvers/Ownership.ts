import type { OwnershipResolvers } from '../../../__generated__/resolvers-types.js';

export const Ownership: OwnershipResolvers = {
  organization: (row) => ({ id: row.organizationId }),
};
