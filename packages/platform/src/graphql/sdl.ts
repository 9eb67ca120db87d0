import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * A subgraph's SDL is a folder, one file per feature (schema/<subgraph>/*.graphql), so features
 * grow side by side; this joins them in name order, the single document the subgraph serves.
 */
export function readSdlFolder(folder: string | URL): string {
  const dir = folder instanceof URL ? fileURLToPath(folder) : folder;
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => `# ${name}\n${readFileSync(path.join(dir, name), 'utf8')}`)
    .join('\n');
}
