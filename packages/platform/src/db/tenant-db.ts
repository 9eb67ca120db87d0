import type { ExtractTablesWithRelations, RelationalSchemaConfig } from 'drizzle-orm';
import { drizzle, NodePgSession, NodePgTransaction, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { isUuid } from '../graphql/ids.js';
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
 *
 * BEGIN and the settings go in one simple-protocol round trip (three statements a read: begin
 * and settings, the read, commit; Drizzle's own transaction() would send four). That needs the ids
 * in the SQL text, so only UUIDs are accepted, and they are quoted as literals all the same.
 *
 * Each call is its own transaction, DataLoader batches included; they do not share one per request
 * (docs/benchmarks.md, gateways section): a request holding a connection across its waves waits,
 * for its next wave or a service's own `run`, on a pool the other requests hold the same way (the
 * pool has no acquire timeout, so that is a deadlock at `max` concurrent requests); one batch's
 * failed statement would abort its neighbours' reads; and the batches that fire in one tick are
 * rare (one per wave in every statement-count query), so a wave-scoped share saves nothing there.
 */
export class TenantDb<TSchema extends AnySchema = AnySchema> {
  private readonly dialect = new PgDialect();
  private readonly relations: RelationalSchemaConfig<ExtractTablesWithRelations<TSchema>>;

  constructor(
    private readonly pool: pg.Pool,
    schema: TSchema,
  ) {
    const { _ } = drizzle(pool, { schema });
    this.relations = { fullSchema: _.fullSchema, schema: _.schema!, tableNamesMap: _.tableNamesMap };
  }

  async run<T>(scope: TenantScope, work: (tx: Tx<TSchema>) => Promise<T>): Promise<T> {
    const begin = beginAs(scope);
    const client = await this.pool.connect();
    const session = new NodePgSession(client, this.dialect, this.relations);
    const tx = new NodePgTransaction(this.dialect, session, this.relations) as unknown as Tx<TSchema>;
    let broken: unknown;
    try {
      await client.query(begin);
      const result = await work(tx);
      await client.query('commit');
      return result;
    } catch (error) {
      // A connection that cannot even roll back goes away instead of back into the pool.
      await client.query('rollback').catch((rollbackFailure: unknown) => (broken = rollbackFailure));
      throw error;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }
}

/** `begin; select set_config(...)` for one round trip; refuses anything but UUIDs, the only ids a tenant or user has. */
function beginAs(scope: TenantScope): string {
  if (!isUuid(scope.tenantId) || (scope.userId !== null && !isUuid(scope.userId))) throw new Error('Tenant and user ids must be UUIDs');
  return `begin; select set_config('app.current_tenant_id', '${scope.tenantId}', true), set_config('app.current_user_id', '${scope.userId ?? ''}', true)`;
}
