import { DeleteTableCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { adminUrlFor, SERVICE_DATABASES } from '@studbook/drizzle/migrate';
import { createDynamoClient, createLogger } from '@studbook/platform';
import { DEMO_PASSWORD, DEMO_USERS, loadDemoData } from '../../embedded/src/demo-data.js';
import { startPlatform, type RunningPlatform } from '../../embedded/src/platform.js';
import { backupInstallation, restoreInstallation, type Installation } from '../../scripts/backup/installation.js';
import { dropDatabases } from '../support/drop-databases.js';
import { dataAt } from '../support/operations.js';
import { TEST_DATABASE_PREFIX } from '../support/global-setup.js';
import { graphql } from '../__generated__/index.js';
import { testBucketName } from '../support/object-store.js';

const SIGN_IN = graphql(`mutation BackupRestoreSignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`);
// What a breeder checks after a restore: the herd with its lineage and F, what is for sale, what was measured, the organisation.
const HERD = graphql(`query BackupRestoreHerd {
  me { email organization { name } }
  animals(first: 500, filter: { mine: true }) { edges { node { id name sex visibility inbreedingCoefficient
    sire { name } dam { name } owner { name } listing { price currency status } measurements { trait value } } } }
}`);

const suffix = randomUUID().slice(0, 8);
const installation = (name: string): Installation => ({
  adminUrl: inject('postgresAdminUrl'),
  databasePrefix: `${TEST_DATABASE_PREFIX}_${name}`,
  appRole: 'studbook_app',
  appPassword: 'studbook_app',
  dynamo: { endpoint: inject('dynamoEndpoint'), region: 'local', tableName: `studbook-${name}-${suffix}` },
});
const source = installation('bsrc');
const target = installation('bdst');
const dynamo = createDynamoClient(source.dynamo);
const cleanups: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  for (const { databasePrefix, dynamo: table } of [source, target]) {
    await dropDatabases(
      inject('postgresAdminUrl'),
      SERVICE_DATABASES.map((s) => `${databasePrefix}_${s}`),
    );
    await dynamo.send(new DeleteTableCommand({ TableName: table.tableName })).catch(() => undefined);
  }
  dynamo.destroy();
});

async function start(on: Installation): Promise<RunningPlatform> {
  const platform = await startPlatform({
    postgresAdminUrl: on.adminUrl,
    databasePrefix: on.databasePrefix,
    appRole: on.appRole,
    appPassword: on.appPassword,
    dynamo: on.dynamo,
    objectStore: { endpoint: inject('s3Endpoint'), region: 'local', bucket: testBucketName() },
    identityKeys: { privateKey: inject('identityPrivateKey'), publicKey: inject('identityPublicKey') },
    gateway: { port: 0 },
    logger: createLogger(`backup-${on.databasePrefix}`, { silent: true }),
  });
  cleanups.push(() => platform.stop());
  return platform;
}

/** Every row of every table of each service database, in a stable order. */
async function allRows(on: Installation): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const service of SERVICE_DATABASES) {
    const client = new pg.Client({ connectionString: adminUrlFor(on.adminUrl, `${on.databasePrefix}_${service}`) });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        "select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1",
      );
      for (const { name } of tables.rows) rows[`${service}:${name}`] = (await client.query(`select * from ${name}`)).rows.map((row) => JSON.stringify(row)).sort();
    } finally {
      await client.end();
    }
  }
  return rows;
}

async function allItems(on: Installation): Promise<string[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: on.dynamo.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.map((item) => JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))))).sort();
}

const herdsOf = (platform: RunningPlatform, tokens: string[]) => Promise.all(tokens.map((token) => dataAt(platform.gatewayUrl, HERD, {}, token)));

describe('npm run backup and npm run restore', () => {
  it("bring a fresh installation back to every organisation's data: animals, lineage, F, listings, measurements, users and sessions", async () => {
    await dropDatabases(source.adminUrl, [
      ...SERVICE_DATABASES.map((s) => `${source.databasePrefix}_${s}`),
      ...SERVICE_DATABASES.map((s) => `${target.databasePrefix}_${s}`),
    ]);
    const populated = await start(source);
    expect(await loadDemoData(populated.gatewayUrl)).toBe('loaded');
    const tokens = await Promise.all(
      [DEMO_USERS.reptiles, DEMO_USERS.sheep].map(async (user) => (await dataAt(populated.gatewayUrl, SIGN_IN, { e: user.email, p: DEMO_PASSWORD })).signIn.token),
    );
    const before = await herdsOf(populated, tokens);
    expect(before.map((herd) => herd.animals.edges.length).every((n) => n >= 20)).toBe(true);
    expect(before.flatMap((herd) => herd.animals.edges).filter((e) => e.node.sire && e.node.listing).length).toBeGreaterThan(0);
    await populated.stop();
    cleanups.pop();

    const folder = await mkdtemp(path.join(tmpdir(), 'studbook-backup-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const manifest = await backupInstallation(source, folder);
    expect(manifest.databases.map((d) => d.file)).toEqual(['animal.dump', 'commerce.dump', 'research.dump']);
    expect(manifest.dynamo.items).toBeGreaterThan(4);

    await restoreInstallation(target, folder);
    // The stores hold the same rows and items (no audit row or outbox event from the restore itself) ...
    const [sourceRows, targetRows] = await Promise.all([allRows(source), allRows(target)]);
    expect(Object.keys(targetRows)).toEqual(Object.keys(sourceRows));
    expect(Object.keys(sourceRows)).toContain('animal:public.animals');
    for (const table of Object.keys(sourceRows)) expect({ table, rows: targetRows[table] }).toEqual({ table, rows: sourceRows[table] });
    expect(await allItems(target)).toEqual(await allItems(source));

    // ... and each organisation sees the same herd through the restored platform, signed in with the sessions it had.
    const restored = await start(target);
    expect(await herdsOf(restored, tokens)).toEqual(before);
  }, 240_000);

  it('refuses to restore over an installation that holds data, and writes nothing', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'studbook-backup-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    await backupInstallation(source, folder);
    const itemsBefore = await allItems(target);
    await expect(restoreInstallation(target, folder)).rejects.toThrow(`${target.databasePrefix}_animal already holds tables: restore into a fresh installation`);
    expect(await allItems(target)).toEqual(itemsBefore);
  }, 120_000);
});
