import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { adminUrlFor, migrateServiceDatabase } from '../drizzle/migrate.js';

const ROWS = Number(process.env.AUDIT_BENCH_ROWS ?? 100_000);

/**
 * The audit trigger's share of a bulk measurement insert: the same ROWS-row INSERT … SELECT FROM unnest the CSV import runs,
 * as the superuser in a transaction that is rolled back, with the statement-level audit triggers, with the per-row trigger
 * they replaced (created for the run) and without any audit trigger. Run alone: `npx tsx bench/audit-trigger-bench.ts`
 * against POSTGRES_URL (a scratch database is created and dropped).
 */
async function main() {
  const adminUrl = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = `audit_bench_${process.pid}`;
  await migrateServiceDatabase('research', { adminUrl, databaseName, appRole: 'studbook_app', appPassword: 'studbook_app' });
  const client = new pg.Client({ connectionString: adminUrlFor(adminUrl, databaseName) });
  await client.connect();
  const animals = Array.from({ length: 20_000 }, () => randomUUID());
  const columns = [
    Array.from({ length: ROWS }, (_, i) => animals[i % animals.length]),
    Array.from({ length: ROWS }, (_, i) => 20 + (i % 500) / 10),
    Array.from({ length: ROWS }, (_, i) => `2025-0${1 + (i % 5)}-15T00:00:00Z`),
  ];
  const insert = async (audit: 'statement' | 'row' | 'none') => {
    await client.query('begin');
    try {
      await client.query(`select set_config('app.current_tenant_id', $1, true), set_config('app.current_user_id', $2, true)`, [randomUUID(), randomUUID()]);
      if (audit !== 'statement') await client.query('alter table measurements disable trigger audit_insert');
      if (audit === 'row') await client.query('create trigger audit_row_insert after insert on measurements for each row execute function studbook_audit()');
      const start = performance.now();
      await client.query(
        `insert into measurements (animal_id, trait, value, unit, entered_value, entered_unit, measured_at)
         select animal_id, 'body_weight', value, 'kg', value, 'kg', measured_at
         from unnest($1::uuid[], $2::float8[], $3::timestamptz[]) as t(animal_id, value, measured_at)`,
        columns,
      );
      return (performance.now() - start) / 1000;
    } finally {
      await client.query('rollback');
    }
  };
  try {
    const load = loadavg()[0];
    const statement = await insert('statement');
    const row = await insert('row');
    const none = await insert('none');
    console.log(JSON.stringify({ rows: ROWS, statement, row, none, loadBefore: load, loadAfter: loadavg()[0] }));
  } finally {
    await client.end();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
}

await main();
