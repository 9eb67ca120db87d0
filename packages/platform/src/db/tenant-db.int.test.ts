import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TenantDb } from './tenant-db.js';

// One connection, so every transaction below runs on the connection the one before it used.
let pool: pg.Pool;
let statements: string[];
let db: TenantDb;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject('serviceDatabaseUrls').animal, max: 1 });
  statements = [];
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text: string };
      statements.push(typeof first === 'string' ? first : first.text);
      return query(...args);
    };
  });
  db = new TenantDb(pool, {});
});

afterAll(async () => {
  await pool.end();
});

const settings = (tx: Parameters<Parameters<TenantDb['run']>[1]>[0]) =>
  tx.execute<{ tenant: string; user_id: string }>(
    sql`select current_setting('app.current_tenant_id', true) as tenant, current_setting('app.current_user_id', true) as user_id`,
  );

const nowhere = async () => 'nothing sent';

describe('TenantDb.run', () => {
  it('sends begin and the settings ahead of the first statement, in its round trip, and they are gone after commit', async () => {
    const tenantId = randomUUID();
    const userId = randomUUID();
    statements.length = 0;
    const { rows } = await db.run({ tenantId, userId }, settings);
    expect(rows[0]).toEqual({ tenant: tenantId, user_id: userId });
    expect(statements).toHaveLength(2); // the read (begin and the settings ahead of it), commit
    expect(await settingsOutside()).toEqual({ tenant: '', user_id: '' });
  });

  it('keeps every statement of the work in one transaction', async () => {
    const { rows } = await db.run({ tenantId: randomUUID(), userId: null }, async (tx) => {
      const first = await tx.execute<{ xid: string }>(sql`select txid_current()::text as xid`);
      const second = await tx.execute<{ xid: string }>(sql`select txid_current()::text as xid`);
      return { rows: [first.rows[0].xid, second.rows[0].xid] };
    });
    expect(rows[0]).toBe(rows[1]);
  });

  it('sends nothing for work that sends nothing', async () => {
    statements.length = 0;
    await db.run({ tenantId: randomUUID(), userId: null }, nowhere);
    expect(statements).toEqual([]);
  });

  it('rolls back failing work, and the next caller on the same connection starts clean', async () => {
    const tenantId = randomUUID();
    await expect(
      db.run({ tenantId, userId: randomUUID() }, async (tx) => {
        // A session-wide setting, not a local one: only the rollback takes it back.
        await tx.execute(sql`select set_config('app.rolled_back', 'no', false)`);
        return tx.execute(sql`select 1/0`);
      }),
    ).rejects.toMatchObject({ cause: { message: 'division by zero' } });
    expect(await settingsOutside()).toEqual({ tenant: '', user_id: '' });
    const { rows } = await pool.query(`select coalesce(current_setting('app.rolled_back', true), '') as rolled_back`);
    expect(rows[0].rolled_back).toBe('');
  });

  it('refuses an id that is not a UUID before taking a connection', async () => {
    statements.length = 0;
    await expect(db.run({ tenantId: "x', true); drop table animals; --", userId: null }, settings)).rejects.toThrow(/must be UUIDs/);
    await expect(db.run({ tenantId: randomUUID(), userId: 'not-a-uuid' }, settings)).rejects.toThrow(/must be UUIDs/);
    expect(statements).toEqual([]);
  });
});

describe('TenantDb.read', () => {
  it('sends each statement in one round trip with the settings ahead of it, and they are gone after it', async () => {
    const tenantId = randomUUID();
    const userId = randomUUID();
    statements.length = 0;
    const first = await db.read({ tenantId, userId }, settings);
    const second = await db.read({ tenantId, userId: null }, settings);
    expect(first.rows[0]).toEqual({ tenant: tenantId, user_id: userId });
    expect(second.rows[0]).toEqual({ tenant: tenantId, user_id: '' });
    expect(statements).toHaveLength(2);
    expect(await settingsOutside()).toEqual({ tenant: '', user_id: '' });
  });

  it('scopes every statement of the work, each its own read-only transaction', async () => {
    const tenantId = randomUUID();
    const both = await db.read({ tenantId, userId: null }, async (tx) => [(await settings(tx)).rows[0].tenant, (await settings(tx)).rows[0].tenant]);
    expect(both).toEqual([tenantId, tenantId]);
    await expect(db.read({ tenantId, userId: null }, (tx) => tx.execute(sql`delete from animals where false`))).rejects.toMatchObject({
      cause: { message: 'cannot execute DELETE in a read-only transaction' },
    });
  });

  it('prepares each statement once per connection, and a cached plan still answers each tenant with its own', async () => {
    const tenants = [randomUUID(), randomUUID()];
    statements.length = 0;
    // Past the fifth run PostgreSQL may switch a prepared statement to a generic plan: the tenant must stay a run-time value.
    for (let run = 0; run < 12; run++) {
      const { rows } = await db.read({ tenantId: tenants[run % 2], userId: null }, settings);
      expect(rows[0].tenant).toBe(tenants[run % 2]);
    }
    const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements where statement like '%current_setting(%'`);
    expect(rows[0].n).toBe(1);
  });

  it('leaves the connection clean when a statement fails', async () => {
    await expect(db.read({ tenantId: randomUUID(), userId: randomUUID() }, (tx) => tx.execute(sql`select 1/0`))).rejects.toMatchObject({
      cause: { message: 'division by zero' },
    });
    expect(await settingsOutside()).toEqual({ tenant: '', user_id: '' });
    const { rows } = await pool.query(`select current_setting('transaction_read_only') as read_only`);
    expect(rows[0].read_only).toBe('off');
  });
});

/** The settings a statement sees outside any scope, on the pool's one connection: the last scope's must be gone. */
async function settingsOutside() {
  const { rows } = await pool.query(
    `select coalesce(current_setting('app.current_tenant_id', true), '') as tenant, coalesce(current_setting('app.current_user_id', true), '') as user_id`,
  );
  return rows[0];
}
