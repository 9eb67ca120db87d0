import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { adminUrlFor, migrateServiceDatabase } from '../drizzle/migrate.js';
import type { BenchContext } from './suite.js';

const ROWS = 100_000;

/**
 * The audit trigger's share of a bulk measurement insert: the same 100,000-row INSERT … SELECT FROM unnest the CSV import
 * runs, as the superuser in a transaction that is rolled back, with the statement-level audit trigger, with the per-row
 * trigger it replaced (created for the run) and without any audit trigger, in a scratch research database.
 */
export async function benchAuditTrigger({ stores }: BenchContext): Promise<string> {
  const adminUrl = stores.postgresAdminUrl;
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
    const s = (seconds: number) => `${seconds.toFixed(2)} s`;
    return [
      `The same ${ROWS.toLocaleString('en')}-row \`INSERT … SELECT FROM unnest\` into \`measurements\` the CSV import runs (20,000 animals, five weighings each), as the superuser, each in a transaction rolled back.`,
      '',
      '| audit | insert | of which auditing |',
      '| --- | --- | --- |',
      `| statement-level trigger over the transition table (now) | **${s(statement)}** | ${s(statement - none)} |`,
      `| per-row trigger (before) | ${s(row)} | ${s(row - none)} |`,
      `| none | ${s(none)} | — |`,
      '',
      `- The statement-level trigger's auditing costs ${((statement - none) / (row - none)).toFixed(2)}× the per-row trigger's: the same audit rows (the whole new row, every column as changed, the user) by one INSERT … SELECT.`,
      `- Load average ${load.toFixed(1)} when it started, ${loadavg()[0].toFixed(1)} at the end, on 2 cores shared with other work: compare the rows with each other, not with other days.`,
    ].join('\n');
  } finally {
    await client.end();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
}
