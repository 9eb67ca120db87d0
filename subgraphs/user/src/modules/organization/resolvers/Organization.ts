import { idCursor, parseIdCursor, validPageSize } from '@studbook/platform';
import type { OrganizationResolvers } from '../../../__generated__/resolvers-types.js';

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.organizationReferences.load(reference.id),
  async members(organization, { first, after }, { organizations }) {
    const afterUserId = after ? parseIdCursor(after) : null;
    const page = await organizations.members(organization.id, validPageSize(first), afterUserId);
    if (!page) return null;
    const edges = page.rows.map((node) => ({ cursor: idCursor(node.userId), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  },
  retentionDays: (organization, _args, { organizations }) => organizations.retentionDaysOf(organization),
};
