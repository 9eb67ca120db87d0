import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@studbook/platform';
import { ensurePortFree, StartupProblem } from '../startup-problem.js';
import { installedPostgresBinaries, type PostgresBinaries } from './postgres-binaries.js';
import { postgresOsUser, type OsUser } from './postgres-user.js';
import { reachableBinaries, reachableDataDir } from './reachable-paths.js';

export interface EmbeddedPostgresServer {
  adminUrl: string;
  stop(): Promise<void>;
}

const PASSWORD = 'postgres';

/**
 * Real PostgreSQL binaries from npm, with data under dataDir. As root, initdb and the server run as a
 * `postgres` system user (created if missing), from where that user can reach them (reachable-paths.ts).
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; logger: Logger }): Promise<EmbeddedPostgresServer> {
  const { logger, port } = options;
  await ensurePortFree(port, '127.0.0.1', 'EMBEDDED_POSTGRES_PORT');
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  const user = userInfo().uid === 0 ? postgresOsUser() : undefined;
  const installed = await installedPostgresBinaries();
  const binaries = user ? await reachableBinaries(installed, user, logger) : installed;
  const dataDir = user ? await reachableDataDir(options.dataDir, user, logger) : options.dataDir;
  // As `user`, with a working folder it may enter: PostgreSQL refuses to start where it cannot getcwd().
  const as: SpawnOptions = { ...user, cwd: path.dirname(binaries.postgres), env: { ...process.env, LC_MESSAGES: 'C' } };

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    logger.info('initialising embedded PostgreSQL', { dataDir });
    await initialise(binaries, dataDir, user, as);
  }
  const server = await run(binaries, dataDir, port, as);
  logger.info('embedded PostgreSQL started', { dataDir, port });
  return {
    adminUrl: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

async function initialise(binaries: PostgresBinaries, dataDir: string, user: OsUser | undefined, as: SpawnOptions): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(tmpdir(), `studbook-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (user) await Promise.all([chown(dataDir, user.uid, user.gid), chown(passwordFile, user.uid, user.gid)]);
    await chmod(dataDir, 0o700);
    const flags = ['--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--lc-messages=C', '--locale=C', '--encoding=UTF8'];
    const initdb = spawn(binaries.initdb, [`--pgdata=${dataDir}`, ...flags], { ...as, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = collect(initdb);
    const code = await new Promise<number | null>((resolve) => initdb.once('exit', resolve));
    if (code !== 0)
      throw new StartupProblem(`PostgreSQL could not set up its data folder ${dataDir} (${lastError(output())}): delete that folder, or set DATA_DIR to another one.`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts the server and resolves once it accepts connections; its own output, if it fails, says why in one sentence. */
async function run(binaries: PostgresBinaries, dataDir: string, port: number, as: SpawnOptions): Promise<{ stop(): Promise<void> }> {
  // TCP on 127.0.0.1 only, and no Unix socket: nothing else on the machine needs to find it.
  const flags = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  const server = spawn(binaries.postgres, flags, { ...as, stdio: ['ignore', 'ignore', 'pipe'] });
  const output = collect(server);
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  // A crash of this process must not leave the server holding the port and the data folder.
  const stopWithUs = () => server.kill('SIGINT');
  process.once('exit', stopWithUs);
  await new Promise<void>((resolve, reject) => {
    const ready = () => output().includes('database system is ready to accept connections') && (done(), resolve());
    const failed = () => (done(), reject(startFailure(output(), dataDir, port)));
    const done = () => (server.stderr!.off('data', ready), server.off('exit', failed));
    server.stderr!.on('data', ready);
    server.once('exit', failed);
  });
  return {
    async stop() {
      process.off('exit', stopWithUs);
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT'); // fast shutdown: rolls back open transactions
      await exited;
    },
  };
}

function startFailure(output: string, dataDir: string, port: number): StartupProblem {
  if (output.includes('Address already in use'))
    return new StartupProblem(`Port ${port} is in use by another program: stop it, or set EMBEDDED_POSTGRES_PORT to a free port.`);
  if (output.includes('lock file') && output.includes('already exists'))
    return new StartupProblem(`Another PostgreSQL is already running on ${dataDir}: stop it (another npm start of this checkout?) first.`);
  return new StartupProblem(
    `PostgreSQL did not start on ${dataDir} (${lastError(output)}): delete that folder to start afresh if it is damaged, or set DATA_DIR to another one.`,
  );
}

function collect(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => (text = (text + chunk.toString('utf8')).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

function lastError(output: string): string {
  const lines = output.split('\n').map((line) => line.trim());
  return (lines.filter((line) => /FATAL|ERROR|error/.test(line)).at(-1) ?? lines.filter(Boolean).at(-1) ?? 'no output').slice(0, 300);
}
