import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Identity } from '../identity/identity.js';

type AnySchema = Record<string, unknown>;
/** A Drizzle transaction with the caller's tenant set: the only handle stores receive. */
export type Tx<TSchema extends AnySchema = AnySchema> = Parameters<Parameters<NodePgDatabase<TSchema>['transaction']>[0]>[0];

export interface TenantScope {
  tenantId: string;
  userId: string | null;
}

/** The tenant a caller's reads and writes run under; only signed-in users have one. */
export function tenantScopeOf(identity: Identity): TenantScope | null {
  return identity.kind === 'user' ? { tenantId: identity.organizationId, userId: identity.userId } : null;
}

/**
 * Runs work inside one transaction scoped to a tenant. The tenant and user are set with
 * set_config(..., true), so they vanish at commit and never leak through the pool.
 */
export class TenantDb<TSchema extends AnySchema = AnySchema> {
  private readonly db: NodePgDatabase<TSchema>;

  constructor(pool: pg.Pool, schema: TSchema) {
    this.db = drizzle(pool, { schema });
  }

  run<T>(scope: TenantScope, work: (tx: Tx<TSchema>) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.current_tenant_id', ${scope.tenantId}, true), set_config('app.current_user_id', ${scope.userId ?? ''}, true)`);
      return work(tx);
    });
  }
}
