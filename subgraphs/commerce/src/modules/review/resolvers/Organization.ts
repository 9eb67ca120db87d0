import type { OrganizationResolvers } from '../../../__generated__/resolvers-types.js';

export const Organization: OrganizationResolvers = {
  // The organisation is the user subgraph's; commerce adds only what buyers said of it as a seller.
  __resolveReference: ({ id }) => ({ id }),
  sellerReputation: (organization) => ({ sellerOrganizationId: organization.id }),
};
