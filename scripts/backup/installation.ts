import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { adminUrlFor, ensureDatabaseAndRole, migrateServiceDatabase, SERVICE_DATABASES } from '@studbook/drizzle/migrate';
import { createDynamoClient, ObjectStore, type ObjectStoreConfig } from '@studbook/platform';
import { ensureUserTable } from '@studbook/user/src/dynamo/user-table.js';
import { exportTable, importTable, tableIsEmpty } from './dynamo-export.js';
import { bucketIsEmpty, exportBucket, importBucket } from './media-export.js';
import { describeFile, readVerifiedManifest, writeManifest, type BackupManifest } from './manifest.js';
import { dumpDatabase, restoreDatabase, serverVersion } from './postgres-dump.js';

/** Where an installation keeps its data: the PostgreSQL server of its three databases, its DynamoDB table and its media bucket. */
export interface Installation {
  /** Superuser URL of the PostgreSQL server. */
  adminUrl: string;
  databasePrefix: string;
  appRole: string;
  appPassword: string;
  dynamo: { endpoint?: string; region: string; tableName: string };
  objectStore: ObjectStoreConfig;
}

const databaseOf = (installation: Installation, service: string) => `${installation.databasePrefix}_${service}`;

/**
 * Writes a snapshot of the installation into `folder` (which must be empty or new): each service
 * database by pg_dump (each one consistent in itself), the DynamoDB table by a paginated scan, every
 * object of the media bucket, and a manifest with every file's checksum. Services reference each
 * other only by id, resolved when read, so databases dumped moments apart restore into a working
 * platform. The bucket is copied after the databases: an object uploaded in between is only an
 * extra file (the sweep deletes what no media row names), and media rows name objects that exist.
 */
export async function backupInstallation(installation: Installation, folder: string): Promise<BackupManifest> {
  await mkdir(folder, { recursive: true });
  if ((await readdir(folder)).length > 0) throw new Error(`${folder} is not empty: give the backup a folder of its own`);
  const databases: BackupManifest['databases'] = [];
  for (const service of SERVICE_DATABASES) {
    const database = databaseOf(installation, service);
    const url = adminUrlFor(installation.adminUrl, database);
    const file = `${service}.dump`;
    await dumpDatabase(url, path.join(folder, file));
    databases.push({ service, database, serverVersion: await serverVersion(url), ...(await describeFile(folder, file)) });
  }
  const dynamo = createDynamoClient(installation.dynamo);
  const objects = new ObjectStore(installation.objectStore);
  try {
    const file = 'dynamo.jsonl';
    const items = await exportTable(dynamo, installation.dynamo.tableName, path.join(folder, file));
    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      databasePrefix: installation.databasePrefix,
      databases,
      dynamo: { table: installation.dynamo.tableName, items, ...(await describeFile(folder, file)) },
      media: { bucket: objects.bucket, objects: await exportBucket(objects, folder) },
    };
    await writeManifest(folder, manifest);
    return manifest;
  } finally {
    dynamo.destroy();
    objects.close();
  }
}

/**
 * Brings a fresh installation (no tables in its databases, an empty or missing table) back to the
 * backup in `folder`: checks every file first, refuses before writing anything if the target holds
 * data, then loads each dump, migrates it forward to this version's schema, and writes the items.
 */
export async function restoreInstallation(installation: Installation, folder: string): Promise<BackupManifest> {
  const manifest = await readVerifiedManifest(folder);
  const dynamo = createDynamoClient(installation.dynamo);
  const objects = new ObjectStore(installation.objectStore);
  try {
    for (const { service } of manifest.databases) {
      if (await holdsTables(installation.adminUrl, databaseOf(installation, service)))
        throw new Error(`${databaseOf(installation, service)} already holds tables: restore into a fresh installation (or another DATABASE_PREFIX)`);
    }
    await ensureUserTable(dynamo, installation.dynamo.tableName);
    if (!(await tableIsEmpty(dynamo, installation.dynamo.tableName)))
      throw new Error(`DynamoDB table ${installation.dynamo.tableName} is not empty: restore into a fresh installation (or another DYNAMODB_TABLE)`);
    if (manifest.media && !(await bucketIsEmpty(objects)))
      throw new Error(`bucket ${objects.bucket} is not empty: restore into a fresh installation (or another S3_BUCKET)`);

    for (const { service, file } of manifest.databases) {
      const options = {
        adminUrl: installation.adminUrl,
        databaseName: databaseOf(installation, service),
        appRole: installation.appRole,
        appPassword: installation.appPassword,
      };
      await ensureDatabaseAndRole(options);
      await restoreDatabase(adminUrlFor(installation.adminUrl, options.databaseName), path.join(folder, file));
      await migrateServiceDatabase(service, options);
    }
    await importTable(dynamo, installation.dynamo.tableName, path.join(folder, manifest.dynamo.file));
    if (manifest.media) await importBucket(objects, folder, manifest.media.objects);
    return manifest;
  } finally {
    dynamo.destroy();
    objects.close();
  }
}

async function holdsTables(adminUrl: string, database: string): Promise<boolean> {
  const server = new pg.Client({ connectionString: adminUrl });
  await server.connect();
  try {
    if ((await server.query('select 1 from pg_database where datname = $1', [database])).rowCount === 0) return false;
  } finally {
    await server.end();
  }
  const client = new pg.Client({ connectionString: adminUrlFor(adminUrl, database) });
  await client.connect();
  try {
    return ((await client.query("select 1 from pg_tables where schemaname not in ('pg_catalog', 'information_schema') limit 1")).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}
