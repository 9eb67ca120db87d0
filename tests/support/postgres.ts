import pg from 'pg';
import { inject } from 'vitest';

type Service = 'animal' | 'commerce' | 'research';

/** A client connected to a service database as the superuser, for a test that holds a transaction open. */
export async function connectAsAdmin(service: Service): Promise<pg.Client> {
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${new URL(inject('serviceDatabaseUrls')[service]).pathname.slice(1)}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

/** Runs SQL as the superuser, to look behind RLS at what was (not) written. */
export async function asAdmin<T extends pg.QueryResultRow = pg.QueryResultRow>(service: Service, text: string, values: unknown[] = []): Promise<T[]> {
  const client = await connectAsAdmin(service);
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A client connected as the services' RLS-bound role. */
export async function asServiceRole(service: Service): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: inject('serviceDatabaseUrls')[service] });
  await client.connect();
  return client;
}

/** Everything a tenant has in a service database: domain rows, audit rows and outbox events. */
export async function tenantFootprint(service: Service, tenantId: string): Promise<Record<string, number>> {
  const tables = await asAdmin<{ table_name: string }>(
    service,
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await asAdmin<{ n: string }>(service, `select count(*) as n from "${table_name}" where tenant_id = $1`, [tenantId]);
    counts[table_name] = Number(row.n);
  }
  return counts;
}
