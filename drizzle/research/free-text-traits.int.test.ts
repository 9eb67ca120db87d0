import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabases } from '../../tests/support/drop-databases.js';
import { adminUrlFor, migrateServiceDatabase } from '../migrate.js';

// Migration 0004 moves the free-text measurements of before the trait catalog to it; this runs it on such rows.
const here = import.meta.dirname;
const tenant = '11111111-1111-4111-8111-111111111111';
const animal = '22222222-2222-4222-8222-222222222222';

describe('migration 0004 of the research database, on measurements recorded as free text', () => {
  const prefix = new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1).replace(/_animal$/, '');
  const databaseName = `${prefix}_free_text_traits`;
  const adminUrl = inject('postgresAdminUrl');
  let client: pg.Client;

  beforeAll(async () => {
    await dropDatabases(adminUrl, [databaseName]);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    client = new pg.Client({ connectionString: adminUrlFor(adminUrl, databaseName) });
    await client.connect();
    // The database as it stood before the catalog: the shared tenancy SQL and migrations 0000 to 0003.
    const before = await mkdtemp(path.join(tmpdir(), 'studbook-research-0003-'));
    await cp(path.join(here, 'migrations'), before, { recursive: true });
    const journal = JSON.parse(await readFile(path.join(before, 'meta', '_journal.json'), 'utf8'));
    journal.entries = journal.entries.filter((entry: { idx: number }) => entry.idx <= 3);
    await writeFile(path.join(before, 'meta', '_journal.json'), JSON.stringify(journal));
    await client.query(await readFile(path.join(here, '..', 'shared', 'tenancy.sql'), 'utf8'));
    await migrate(drizzle(client), { migrationsFolder: before });
    await rm(before, { recursive: true });
    // Secured as a serving database is, so its audit trigger records the rows written before the catalog.
    await client.query(`select studbook_secure_tables('studbook_app')`);
    const rows: [string, number, string, string][] = [
      ['weight', 1450, 'g', '2024-01-15T10:00:00Z'],
      ['Birth Weight', 9.5, 'lb', '2023-04-20T08:00:00Z'],
      ['fleece-weight', 4.2, 'KG', '2022-11-01T00:00:00Z'],
      ['length', 36, 'in', '1998-06-01T00:00:00Z'],
      ['EMD', 2.9, 'cm', '2024-02-01T00:00:00Z'],
      ['temperament', 3, 'score', '2024-03-01T00:00:00Z'],
      ['weight', 12, 'stone', '2024-03-02T00:00:00Z'],
    ];
    for (const [trait, value, unit, measuredAt] of rows) {
      await client.query('insert into measurements (tenant_id, animal_id, trait, value, unit, measured_at) values ($1, $2, $3, $4, $5, $6)', [
        tenant,
        animal,
        trait,
        value,
        unit,
        measuredAt,
      ]);
    }
    await migrateServiceDatabase('research', { adminUrl, databaseName, appRole: 'studbook_app', appPassword: 'studbook_app' });
  });

  afterAll(async () => {
    await client?.end();
    await dropDatabases(adminUrl, [databaseName]);
  });

  it('maps known names and units to catalog traits in the canonical unit, keeping the value as entered, and marks the rest legacy', async () => {
    const { rows } = await client.query(
      `select trait, round(value::numeric, 6)::float8 as value, unit, entered_value, entered_unit, legacy, tableoid::regclass::text as partition
       from measurements order by measured_at`,
    );
    expect(rows).toEqual([
      { trait: 'total_length', value: 91.44, unit: 'cm', entered_value: 36, entered_unit: 'in', legacy: false, partition: 'measurements_default' },
      { trait: 'greasy_fleece_weight', value: 4.2, unit: 'kg', entered_value: 4.2, entered_unit: 'KG', legacy: false, partition: 'measurements_y2022' },
      { trait: 'birth_weight', value: 4.309128, unit: 'kg', entered_value: 9.5, entered_unit: 'lb', legacy: false, partition: 'measurements_y2023' },
      { trait: 'body_weight', value: 1.45, unit: 'kg', entered_value: 1450, entered_unit: 'g', legacy: false, partition: 'measurements_y2024' },
      { trait: 'eye_muscle_depth', value: 29, unit: 'mm', entered_value: 2.9, entered_unit: 'cm', legacy: false, partition: 'measurements_y2024' },
      { trait: 'temperament', value: 3, unit: 'score', entered_value: 3, entered_unit: 'score', legacy: true, partition: 'measurements_y2024' },
      { trait: 'weight', value: 12, unit: 'stone', entered_value: 12, entered_unit: 'stone', legacy: true, partition: 'measurements_y2024' },
    ]);
  });

  it('writes no audit rows for the move, and leaves no table of free text behind', async () => {
    // Only the seven inserts of before the catalog: the move itself is no change of the records.
    expect((await client.query(`select table_name, action, count(*)::int as n from audit_log group by 1, 2`)).rows).toEqual([
      { table_name: 'measurements', action: 'INSERT', n: 7 },
    ]);
    expect((await client.query(`select to_regclass('measurements_free_text') as old`)).rows).toEqual([{ old: null }]);
  });
});
