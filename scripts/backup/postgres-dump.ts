import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** pg_dump and pg_restore from PATH, or from PG_BIN (a folder), of the server's major version or later. */
export function pgTool(name: 'pg_dump' | 'pg_restore', binFolder = process.env.PG_BIN): string {
  return binFolder ? `${binFolder}/${name}` : name;
}

export async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('show server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

/** One database in pg_dump's custom format: one consistent snapshot of it (a repeatable-read transaction). */
export async function dumpDatabase(url: string, file: string): Promise<void> {
  await run(pgTool('pg_dump'), ['--format=custom', '--no-password', `--file=${file}`, `--dbname=${url}`], { maxBuffer: 16 * 1024 * 1024 }).catch(explainTool('pg_dump'));
}

/**
 * Loads a dump into an empty database. Objects become the restoring superuser's (--no-owner); the
 * grants to the service role come with the dump. Triggers are created after the data is loaded,
 * so the audit trigger records nothing for the restore itself.
 */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  await run(pgTool('pg_restore'), ['--no-owner', '--exit-on-error', '--single-transaction', '--no-password', `--dbname=${url}`, file], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch(explainTool('pg_restore'));
}

function explainTool(name: string) {
  return (error: NodeJS.ErrnoException & { stderr?: string }) => {
    if (error.code === 'ENOENT')
      throw new Error(`${name} was not found: install the PostgreSQL client tools of the server's version (or later), or set PG_BIN to their folder`);
    throw new Error(`${name} failed: ${(error.stderr ?? error.message).trim().slice(0, 1000)}`);
  };
}
