import { validId, validPageSize } from '@studbook/platform';
import type { OrganizationResolvers } from '../../../__generated__/resolvers-types.js';

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.organizations.load(reference.id),
  async members(organization, { first, after }, { organizations }) {
    const afterUserId = after ? validId(Buffer.from(after, 'base64url').toString('utf8'), 'after') : null;
    const page = await organizations.members(organization.id, validPageSize(first), afterUserId);
    if (!page) return null;
    const edges = page.rows.map((node) => ({ cursor: Buffer.from(node.userId).toString('base64url'), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  },
  retentionDays: (organization, _args, { organizations }) => organizations.retentionDaysOf(organization),
};
