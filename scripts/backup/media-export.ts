import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStore } from '@studbook/platform';

/** One media object of a backup: its key in the bucket, where its bytes are in the folder, and their checksum. */
export interface BackedUpObject {
  key: string;
  file: string;
  contentType?: string;
  bytes: number;
  sha256: string;
}

export const MEDIA_FOLDER = 'media';

/**
 * Copies every object of the bucket into `folder/media/`, one file per object under its key, and
 * answers the listing with each object's type, size and SHA-256 (computed from the bytes as they
 * were written, so the manifest vouches for the file and not only for what S3 said).
 */
export async function exportBucket(objects: ObjectStore, folder: string): Promise<BackedUpObject[]> {
  const listing: BackedUpObject[] = [];
  for await (const { key } of objects.list()) {
    const file = fileOf(key);
    const target = path.join(folder, file);
    await mkdir(path.dirname(target), { recursive: true });
    const { body, contentType } = await objects.read(key);
    const hash = createHash('sha256');
    await pipeline(body, hashing(hash), createWriteStream(target));
    listing.push({ key, file, ...(contentType ? { contentType } : {}), bytes: (await stat(target)).size, sha256: hash.digest('hex') });
  }
  return listing;
}

/** Writes each backed-up object back under its key, with its type. Returns the count. */
export async function importBucket(objects: ObjectStore, folder: string, listing: BackedUpObject[]): Promise<number> {
  await objects.ensureBucket();
  for (const object of listing) await objects.write(object.key, createReadStream(path.join(folder, object.file)), object.bytes, object.contentType);
  return listing.length;
}

/** Whether the bucket holds any object: a restore goes only into an empty one (or one not yet created). */
export async function bucketIsEmpty(objects: ObjectStore): Promise<boolean> {
  try {
    for await (const _object of objects.list()) return false;
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchBucket') return true;
    throw error;
  }
}

// Keys are ours (media/<organisation>/<animal>/<media>/<name>), but a bucket may hold anything: a key
// that would climb out of the folder or name no file is refused rather than written somewhere else.
function fileOf(key: string): string {
  const segments = key.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\\')))
    throw new Error(`object key ${JSON.stringify(key)} cannot be saved as a file: rename or remove it, then back up again`);
  return path.posix.join(MEDIA_FOLDER, ...segments);
}

function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}
