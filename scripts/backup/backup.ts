// `npm run backup [-- <folder>]`: a snapshot of the installation at POSTGRES_URL and DYNAMODB_ENDPOINT (see docs/operations.md).
import path from 'node:path';
import { backupInstallation } from './installation.js';
import { installationFromEnv } from './installation-env.js';

const folder = path.resolve(process.argv[2] ?? path.join('backups', new Date().toISOString().replace(/[:.]/g, '-')));
try {
  const manifest = await backupInstallation(installationFromEnv(), folder);
  const databases = manifest.databases.map((d) => `${d.database} (${d.bytes} bytes)`).join(', ');
  console.log(`backup written to ${folder}: ${databases}; ${manifest.dynamo.items} DynamoDB items; ${manifest.media?.objects.length ?? 0} media objects`);
} catch (error) {
  // Configuration, a missing pg_dump, an unreachable store: the message says which.
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
}
