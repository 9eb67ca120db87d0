import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

export const SQL_STATEMENTS_METRIC = 'studbook_sql_statements_total';
export const POOL_CLIENTS_METRIC = 'studbook_pg_pool_clients';

/**
 * A labelled PostgreSQL pool that counts every query it sends, so /metrics (and the statement-count
 * tests) see exactly how many round trips a request cost: a statement sent with the tenant's settings
 * ahead of it in one pipeline (TenantDb) counts once.
 */
export function createPgPool(options: { url: string; label: string; logger: Logger; metrics: Metrics; max?: number }): pg.Pool {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10, application_name: `studbook-${options.label}` });
  pool.on('error', (error) => {
    // pool.end() resolves before its clients' sockets close; a server stopping right after is no failure.
    if (pool.ending) return;
    options.logger.error('idle PostgreSQL client failed', { pool: options.label, error: error.message });
  });
  pool.on('connect', (client) => {
    // pg-pool listens for errors only on idle clients: a checked-out client whose connection drops
    // between two queries (PostgreSQL stopping under a transaction) would crash the process with an
    // unhandled 'error'. Its next query fails instead, and its caller handles that.
    client.on('error', () => undefined);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      options.metrics.increment(SQL_STATEMENTS_METRIC, 'SQL statements sent to PostgreSQL', { pool: options.label });
      return query(...args);
    };
  });
  options.metrics.gauge(POOL_CLIENTS_METRIC, 'PostgreSQL pool clients: total open, idle, and requests waiting for one', ['pool', 'state'], () => [
    { labels: { pool: options.label, state: 'total' }, value: pool.totalCount },
    { labels: { pool: options.label, state: 'idle' }, value: pool.idleCount },
    { labels: { pool: options.label, state: 'waiting' }, value: pool.waitingCount },
  ]);
  return pool;
}

/** Readiness probe for a pool: true when PostgreSQL answers a trivial query. */
export async function poolAnswers(pool: pg.Pool): Promise<boolean> {
  return (await pool.query('select 1')).rowCount === 1;
}
