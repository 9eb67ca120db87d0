import { execFileSync, spawnSync } from 'node:child_process';
import { StartupProblem } from '../startup-problem.js';

export interface OsUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: the `postgres` system user it runs as instead, created if missing. */
export function postgresOsUser(): OsUser {
  const found = lookUp();
  if (found) return found;
  try {
    if (spawnSync('getent', ['group', 'postgres']).status !== 0) execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'pipe' });
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'pipe' });
  } catch {
    throw new StartupProblem(
      'As root, PostgreSQL must run as a "postgres" system user and none could be created: create one (useradd --system postgres), or run npm start as a normal user.',
    );
  }
  return lookUp()!;
}

function lookUp(): OsUser | undefined {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Whether `user` may enter (or run) `target`: asked of the system as that user, so the answer covers
 * every parent folder, ACLs included, as the server itself will meet them.
 */
export function canReach(user: OsUser, target: string): boolean {
  return spawnSync('test', ['-x', target], { uid: user.uid, gid: user.gid, cwd: '/' }).status === 0;
}
