// `npm run restore -- <folder>`: brings a fresh installation back to a backup (see docs/operations.md).
import path from 'node:path';
import { restoreInstallation } from './installation.js';
import { installationFromEnv } from './installation-env.js';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: npm run restore -- <backup folder>');
  process.exit(1);
}
try {
  const manifest = await restoreInstallation(installationFromEnv(), path.resolve(folder));
  console.log(
    `restored the backup of ${manifest.createdAt}: ${manifest.databases.map((d) => d.service).join(', ')} ${manifest.dynamo.items} DynamoDB items and ${manifest.media?.objects.length ?? 0} media objects`,
  );
} catch (error) {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exit(1);
}
