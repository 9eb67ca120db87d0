import { forbidden, parseCreatedAtCursor, requireUser, toConnection, validId, validPageSize, type Identity, type TenantDb } from '@studbook/platform';
import { findGrantReads, type GrantReadRow } from './project-access-store.js';

export interface ProjectAccessServiceDeps {
  db: TenantDb;
  identity: Identity;
}

/** The access log of an organisation's project grants, for one request. Grants themselves are the consumer's (project-access-consumer.ts). */
export class ProjectAccessService {
  constructor(private readonly deps: ProjectAccessServiceDeps) {}

  async reads(args: { grantId: string; first?: number | null; after?: string | null }) {
    const grantId = validId(args.grantId, 'grantId');
    const limit = validPageSize(args.first);
    const cursor = args.after ? parseCreatedAtCursor(args.after) : null;
    const caller = requireUser(this.deps.identity);
    if (caller.role !== 'OWNER' && caller.role !== 'ADMIN') throw forbidden('Only an OWNER or ADMIN may read who read their organisation’s shared animals');
    const rows = await this.deps.db.run({ tenantId: caller.organizationId, userId: caller.userId }, (tx) =>
      findGrantReads(tx, grantId, cursor && { readAt: cursor.createdAt, id: cursor.id }, limit),
    );
    const page = rows.slice(0, limit).map((row) => ({ ...row, createdAt: row.readAt }));
    return toConnection({ rows: page, hasNextPage: rows.length > limit });
  }
}

export type GrantReadEntry = GrantReadRow & { createdAt: Date };
