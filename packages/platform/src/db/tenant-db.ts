import type { ExtractTablesWithRelations, RelationalSchemaConfig } from 'drizzle-orm';
import { drizzle, NodePgSession, NodePgTransaction, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { isUuid } from '../graphql/ids.js';
import { queryWithPrefix, type PrefixStatement } from './scoped-query.js';
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
 * Runs a caller's statements scoped to their tenant. The tenant and user are set with set_config(..., true),
 * so they vanish when their transaction ends and never leak through the pool. The settings travel in the
 * same round trip as the first statement they scope (scoped-query.ts), as a named statement bound to
 * the ids, so a scoped read costs PostgreSQL no round trip of its own:
 * - `run`: one transaction for all the work; BEGIN and the settings go ahead of its first statement, and a
 *   work that sends nothing sends no BEGIN or COMMIT either. One read: two round trips (it, and COMMIT).
 * - `read`: work that only reads; each statement is its own transaction, with the settings and
 *   `transaction_read_only` ahead of it, so one read is one round trip and a write fails. Under READ
 *   COMMITTED every statement takes its own snapshot anyway, so separate transactions see the same rows
 *   one transaction would; but a setting one statement makes (set_config(..., true)) is gone by the next, so work
 *   that sets one for a later statement uses `run`. Only UUIDs are accepted as ids, the only ids a tenant or user has.
 *
 * Each call holds its own connection, DataLoader batches included; they do not share one per request
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
    const prefix = [BEGIN, scopeStatement(scope)];
    const client = await this.pool.connect();
    let begun = false;
    let broken: unknown;
    const query = (config: QueryConfig, values?: unknown[]) => {
      const ahead = begun ? [] : prefix;
      begun = true;
      return queryWithPrefix(client, ahead, config, values);
    };
    try {
      const result = await work(this.transactionOn(query));
      if (begun) await client.query('commit');
      return result;
    } catch (error) {
      // A connection that cannot even roll back goes away instead of back into the pool.
      if (begun) await client.query('rollback').catch((rollbackFailure: unknown) => (broken = rollbackFailure));
      throw error;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async read<T>(scope: TenantScope, work: (tx: Tx<TSchema>) => Promise<T>): Promise<T> {
    const prefix = [readOnlyScopeStatement(scope)];
    const client = await this.pool.connect();
    try {
      return await work(this.transactionOn((config, values) => queryWithPrefix(client, prefix, config, values)));
    } finally {
      client.release();
    }
  }

  /** A Drizzle transaction handle whose every statement goes through `query`. */
  private transactionOn(query: (config: QueryConfig, values?: unknown[]) => Promise<pg.QueryResult>): Tx<TSchema> {
    const session = new NodePgSession({ query } as unknown as pg.PoolClient, this.dialect, this.relations);
    return new NodePgTransaction(this.dialect, session, this.relations) as unknown as Tx<TSchema>;
  }
}

type QueryConfig = Parameters<typeof queryWithPrefix>[2];

const BEGIN: PrefixStatement = { name: 'studbook_begin', text: 'begin', values: [] };
const SCOPE = "select set_config('app.current_tenant_id', $1, true), set_config('app.current_user_id', $2, true)";

function scopeStatement(scope: TenantScope): PrefixStatement {
  return { name: 'studbook_scope', text: SCOPE, values: validIds(scope) };
}

function readOnlyScopeStatement(scope: TenantScope): PrefixStatement {
  return { name: 'studbook_scope_read_only', text: `${SCOPE}, set_config('transaction_read_only', 'on', true)`, values: validIds(scope) };
}

/** Refuses anything but UUIDs, the only ids a tenant or user has, before any connection is taken. */
function validIds(scope: TenantScope): string[] {
  if (!isUuid(scope.tenantId) || (scope.userId !== null && !isUuid(scope.userId))) throw new Error('Tenant and user ids must be UUIDs');
  return [scope.tenantId, scope.userId ?? ''];
}
