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

describe('TenantDb.run', () => {
  it('sets the tenant and user with begin in one round trip, and they are gone after commit', async () => {
    const tenantId = randomUUID();
    const userId = randomUUID();
    statements.length = 0;
    const { rows } = await db.run({ tenantId, userId }, settings);
    expect(rows[0]).toEqual({ tenant: tenantId, user_id: userId });
    expect(statements).toHaveLength(3); // begin with the settings, the read, commit
    const after = await pool.query(`select coalesce(current_setting('app.current_tenant_id', true), '') as tenant`);
    expect(after.rows[0].tenant).toBe('');
  });

  it('rolls back failing work, and the next caller on the same connection starts clean', async () => {
    const tenantId = randomUUID();
    await expect(db.run({ tenantId, userId: null }, async (tx) => (await settings(tx), tx.execute(sql`select 1/0`)))).rejects.toThrow(/select 1\/0/);
    const { rows } = await db.run({ tenantId: randomUUID(), userId: null }, settings);
    expect(rows[0].tenant).not.toBe(tenantId);
    expect(rows[0].user_id).toBe('');
  });

  it('refuses an id that is not a UUID before sending anything: the ids are written into the SQL text', async () => {
    statements.length = 0;
    await expect(db.run({ tenantId: "x', true); drop table animals; --", userId: null }, settings)).rejects.toThrow(/must be UUIDs/);
    await expect(db.run({ tenantId: randomUUID(), userId: 'not-a-uuid' }, settings)).rejects.toThrow(/must be UUIDs/);
    expect(statements).toEqual([]);
  });
});
