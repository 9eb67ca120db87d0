import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceDatabase } from '@studbook/drizzle/migrate';
import type { BackedUpObject } from './media-export.js';

export const MANIFEST = 'manifest.json';

/** What one backup folder holds, with a checksum per file so a restore refuses a damaged copy. */
export interface BackupManifest {
  format: 1;
  createdAt: string;
  databasePrefix: string;
  databases: { service: ServiceDatabase; database: string; file: string; bytes: number; sha256: string; serverVersion: string }[];
  dynamo: { table: string; file: string; items: number; bytes: number; sha256: string };
  /** The media bucket's objects (absent from backups made before media were included). */
  media?: { bucket: string; objects: BackedUpObject[] };
}

export async function describeFile(folder: string, file: string): Promise<{ file: string; bytes: number; sha256: string }> {
  const full = path.join(folder, file);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(full)) hash.update(chunk as Buffer);
  return { file, bytes: (await stat(full)).size, sha256: hash.digest('hex') };
}

export async function writeManifest(folder: string, manifest: BackupManifest): Promise<void> {
  await writeFile(path.join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Reads the manifest and checks every file it lists against its size and checksum. */
export async function readVerifiedManifest(folder: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(path.join(folder, MANIFEST), 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new Error(`${folder}: unknown backup format ${manifest.format}`);
  for (const expected of [...manifest.databases, manifest.dynamo, ...(manifest.media?.objects ?? [])]) {
    const actual = await describeFile(folder, expected.file);
    if (actual.sha256 !== expected.sha256 || actual.bytes !== expected.bytes)
      throw new Error(`${path.join(folder, expected.file)} does not match the manifest: the backup is damaged`);
  }
  return manifest;
}
