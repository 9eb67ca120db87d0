import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readlink, realpath, rename, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@studbook/platform';
import { StartupProblem } from '../startup-problem.js';
import { canReach, type OsUser } from './postgres-user.js';
import type { PostgresBinaries } from './postgres-binaries.js';

/**
 * Where root keeps what the `postgres` user must reach when a checkout lies where that user cannot
 * enter (root's home folder is 0700). Not /var/tmp: systemd-tmpfiles deletes files there that are
 * unchanged for 30 days, which for a database is corruption.
 */
export const ROOT_RUNTIME_FOLDER = '/var/lib/studbook';

/** The PostgreSQL binaries, copied once per version to ROOT_RUNTIME_FOLDER if `user` cannot run them where npm put them. */
export async function reachableBinaries(binaries: PostgresBinaries, user: OsUser, logger: Logger): Promise<PostgresBinaries> {
  if (canReach(user, binaries.initdb)) return binaries;
  const native = path.resolve(path.dirname(binaries.initdb), '..');
  const { name, version } = JSON.parse(await readFile(path.join(native, '..', 'package.json'), 'utf8')) as { name: string; version: string };
  const copy = path.join(ROOT_RUNTIME_FOLDER, `${name.replace(/\W+/g, '-').replace(/^-/, '')}-${version}`);
  if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
    logger.info('copying the PostgreSQL binaries where the postgres user can run them', { to: copy });
    await inRuntimeFolder(async () => {
      // Copied beside, then renamed: two checkouts starting at once never see half a copy.
      const partial = `${copy}.${process.pid}.partial`;
      await cp(native, partial, { recursive: true, verbatimSymlinks: true });
      await rename(partial, copy).catch(async (error) => {
        await rm(partial, { recursive: true, force: true });
        if (!existsSync(path.join(copy, 'bin', 'postgres'))) throw error;
      });
    });
  }
  const bin = (file: string) => path.join(copy, 'bin', file);
  return { initdb: bin('initdb'), postgres: bin('postgres') };
}

/**
 * The data folder PostgreSQL gets: `dataDir` itself when `user` can reach it, else a folder under
 * ROOT_RUNTIME_FOLDER keyed by the checkout's path, with `dataDir` a symlink to it. Deleting the
 * checkout's .data/ removes the link, and the next start begins afresh, as it does for everyone else.
 */
export async function reachableDataDir(dataDir: string, user: OsUser, logger: Logger): Promise<string> {
  const linked = await readlink(dataDir).catch(() => undefined);
  if (linked) return linked;
  const parent = await realpath(path.dirname(dataDir));
  if (canReach(user, parent)) return dataDir;
  const key = createHash('sha256')
    .update(path.join(parent, path.basename(dataDir)))
    .digest('hex')
    .slice(0, 16);
  const elsewhere = path.join(ROOT_RUNTIME_FOLDER, `data-${key}`);
  await inRuntimeFolder(async () => {
    await rm(elsewhere, { recursive: true, force: true }); // a cluster whose .data/ link was deleted
    await mkdir(elsewhere, { recursive: true });
    await symlink(elsewhere, dataDir);
  });
  logger.info('the postgres user cannot enter this checkout: PostgreSQL keeps its data elsewhere, linked from the data folder', { dataDir: elsewhere, link: dataDir });
  return elsewhere;
}

async function inRuntimeFolder(work: () => Promise<void>): Promise<void> {
  try {
    await mkdir(ROOT_RUNTIME_FOLDER, { recursive: true, mode: 0o755 });
    await work();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new StartupProblem(
      `As root, PostgreSQL needs ${ROOT_RUNTIME_FOLDER} (this checkout is where the postgres user cannot enter) and it cannot be written (${code}): make it writable, or set DATA_DIR to a folder the postgres user can reach.`,
    );
  }
}
