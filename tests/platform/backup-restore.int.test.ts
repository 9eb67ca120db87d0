import { DeleteTableCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { adminUrlFor, SERVICE_DATABASES } from '@studbook/drizzle/migrate';
import { createDynamoClient, createLogger, ObjectStore } from '@studbook/platform';
import { DEMO_PASSWORD, DEMO_USERS, loadDemoData } from '../../embedded/src/demo-data.js';
import { DEMO_FARM_NAME } from '../../embedded/src/demo-farm.js';
import { startPlatform, type RunningPlatform } from '../../embedded/src/platform.js';
import { backupInstallation, restoreInstallation, type Installation } from '../../scripts/backup/installation.js';
import { dropDatabases } from '../support/drop-databases.js';
import { dataAt } from '../support/operations.js';
import { TEST_DATABASE_PREFIX } from '../support/global-setup.js';
import { graphql } from '../__generated__/index.js';
import { photoWithGps, uploadPhoto } from '../media/media-client.js';

const SIGN_IN = graphql(`mutation BackupRestoreSignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`);
// What a breeder checks after a restore: the herd with its lineage and F, what is for sale, what was measured, its
// photos, the organisation with its farms and the traits it records.
const HERD = graphql(`query BackupRestoreHerd {
  me { email organization { name } }
  farms { name latitude longitude region country }
  traits(species: "sheep") { id canonicalUnit acceptedUnits }
  animals(first: 500, filter: { mine: true }) { edges { node { id name sex visibility inbreedingCoefficient
    sire { name } dam { name } owner { name } listing { price currency status } measurements { trait value }
    media { id kind status byteSize width height isCover } } } }
}`);
const CREATE_FARM = graphql(`mutation BackupRestoreFarm($input: FarmInput!) { createFarm(input: $input) { id } }`);
const PHOTO_URLS = graphql(`query BackupRestorePhotoUrls($id: ID!) { animal(id: $id) { media { id url thumbnailUrl } } }`);

const suffix = randomUUID().slice(0, 8);
const installation = (name: string): Installation => ({
  adminUrl: inject('postgresAdminUrl'),
  databasePrefix: `${TEST_DATABASE_PREFIX}_${name}`,
  appRole: 'studbook_app',
  appPassword: 'studbook_app',
  dynamo: { endpoint: inject('dynamoEndpoint'), region: 'local', tableName: `studbook-${name}-${suffix}` },
  // A bucket of its own for each installation, so the restored objects are told apart from the originals.
  objectStore: { endpoint: inject('s3Endpoint'), region: 'local', bucket: `studbook-${name}-${suffix}` },
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
    objectStore: on.objectStore,
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

/** Every object of the installation's bucket with its type and a checksum of its bytes. */
async function allObjects(on: Installation): Promise<{ key: string; contentType?: string; sha256: string }[]> {
  const objects = new ObjectStore(on.objectStore);
  try {
    const listed: { key: string; contentType?: string; sha256: string }[] = [];
    for await (const { key } of objects.list()) {
      const { contentType } = (await objects.head(key))!;
      listed.push({
        key,
        contentType,
        sha256: createHash('sha256')
          .update(await objects.get(key))
          .digest('hex'),
      });
    }
    return listed;
  } finally {
    objects.close();
  }
}

/** The bytes a browser downloads from each signed URL of the animal's media, by media id. */
async function photoBytesOf(platform: RunningPlatform, token: string, animalId: string): Promise<Record<string, string[]>> {
  const { animal } = await dataAt(platform.gatewayUrl, PHOTO_URLS, { id: animalId }, token);
  const bytes: Record<string, string[]> = {};
  for (const { id, url, thumbnailUrl } of animal!.media) {
    bytes[id] = await Promise.all(
      [url, thumbnailUrl].map(async (signed) =>
        createHash('sha256')
          .update(Buffer.from(await (await fetch(signed!)).arrayBuffer()))
          .digest('hex'),
      ),
    );
  }
  return bytes;
}

const herdsOf = (platform: RunningPlatform, tokens: string[]) => Promise.all(tokens.map((token) => dataAt(platform.gatewayUrl, HERD, {}, token)));

describe('npm run backup and npm run restore', () => {
  it("bring a fresh installation back to every organisation's data: animals, lineage, F, listings, measurements, media, users and sessions", async () => {
    await dropDatabases(source.adminUrl, [
      ...SERVICE_DATABASES.map((s) => `${source.databasePrefix}_${s}`),
      ...SERVICE_DATABASES.map((s) => `${target.databasePrefix}_${s}`),
    ]);
    const populated = await start(source);
    expect(await loadDemoData(populated.gatewayUrl)).toBe('loaded');
    const tokens = await Promise.all(
      [DEMO_USERS.reptiles, DEMO_USERS.sheep].map(async (user) => (await dataAt(populated.gatewayUrl, SIGN_IN, { e: user.email, p: DEMO_PASSWORD })).signIn.token),
    );
    // A photo of one demo animal, with its renditions, so the bucket holds what a breeder uploads.
    const photographed = (await herdsOf(populated, tokens))[0].animals.edges[0].node.id;
    const photo = await uploadPhoto(populated.gatewayUrl, tokens[0], { animalId: photographed, bytes: await photoWithGps(640, 480), contentType: 'image/jpeg' });
    expect(photo.status).toBe('READY');
    const photoBytes = await photoBytesOf(populated, tokens[0], photographed);
    await dataAt(
      populated.gatewayUrl,
      CREATE_FARM,
      { input: { name: 'Hillside Low Fields', latitude: 55.95, longitude: -3.19, region: 'Lothian', country: 'GB' } },
      tokens[1],
    );
    const before = await herdsOf(populated, tokens);
    expect(before[1].farms.map((farm) => farm.name)).toEqual([DEMO_FARM_NAME, 'Hillside Low Fields']);
    expect(before[1].traits.length).toBeGreaterThan(0);
    expect(before.map((herd) => herd.animals.edges.length).every((n) => n >= 20)).toBe(true);
    expect(before.flatMap((herd) => herd.animals.edges).filter((e) => e.node.sire && e.node.listing).length).toBeGreaterThan(0);
    await populated.stop();
    cleanups.pop();

    const folder = await mkdtemp(path.join(tmpdir(), 'studbook-backup-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const manifest = await backupInstallation(source, folder);
    expect(manifest.databases.map((d) => d.file)).toEqual(['animal.dump', 'commerce.dump', 'research.dump']);
    expect(manifest.dynamo.items).toBeGreaterThan(4);
    // The original and its renditions, each with the checksum of the file written.
    expect(manifest.media?.objects.filter((o) => o.key.includes(`/${photo.id}/`)).length).toBeGreaterThanOrEqual(2);

    await restoreInstallation(target, folder);
    // The stores hold the same rows and items (no audit row or outbox event from the restore itself) ...
    const [sourceRows, targetRows] = await Promise.all([allRows(source), allRows(target)]);
    expect(Object.keys(targetRows)).toEqual(Object.keys(sourceRows));
    expect(Object.keys(sourceRows)).toContain('animal:public.animals');
    for (const table of Object.keys(sourceRows)) expect({ table, rows: targetRows[table] }).toEqual({ table, rows: sourceRows[table] });
    expect(await allItems(target)).toEqual(await allItems(source));
    const sourceObjects = await allObjects(source);
    expect(sourceObjects.length).toBe(manifest.media?.objects.length);
    expect(await allObjects(target)).toEqual(sourceObjects);

    // ... and each organisation sees the same herd through the restored platform, signed in with the sessions it had.
    const restored = await start(target);
    expect(await herdsOf(restored, tokens)).toEqual(before);
    // The photo downloads from the restored bucket through newly signed URLs, byte for byte.
    expect(await photoBytesOf(restored, tokens[0], photographed)).toEqual(photoBytes);
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
