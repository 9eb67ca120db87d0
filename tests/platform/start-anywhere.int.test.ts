import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { mkdtemp, readlink, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../embedded/src/demo-data.js';
import { dataAt } from '../support/operations.js';
import { exitOf, freePort, portOpen, repoRoot, spawnEntry, stopProcess, waitForOutput, type RunningProcess } from '../support/processes.js';
import { graphql } from '../__generated__/index.js';

const SIGN_IN = graphql(`mutation StartAnywhereSignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`);
const HERD = graphql(`query StartAnywhereHerd { animals(first: 100, filter: { mine: true }) { edges { node { name owner { name } } } } }`);

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * A checkout of its own in a folder only its owner may enter (for root: under /root, mode 0700, as
 * `git clone` in root's home gives): a real copy, no symlink back here, its files hard links to this
 * checkout's so that copying node_modules costs seconds.
 */
async function privateCheckout(): Promise<string> {
  const home = await mkdtemp(path.join(homedir(), 'studbook-checkout-'));
  cleanups.push(() => rm(home, { recursive: true, force: true }));
  expect((await stat(home)).mode & 0o777).toBe(0o700);
  const checkout = path.join(home, 'studbook');
  execFileSync('mkdir', [checkout]);
  const entries = readdirSync(repoRoot).filter((name) => name !== '.git' && name !== '.data');
  const linked = spawnCp(['-al', ...entries, checkout]);
  if (!linked) spawnCp(['-a', ...entries, checkout]); // another filesystem: a plain copy
  return checkout;
}

function spawnCp(args: string[]): boolean {
  try {
    execFileSync('cp', args, { cwd: repoRoot, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** Runs `npm start` there and waits for its banner, or for it to exit. */
function start(env: Record<string, string>, checkout?: string): RunningProcess {
  const running = spawnEntry('embedded/src/index.ts', env, checkout);
  cleanups.push(async () => void (await stopProcess(running)));
  return running;
}

describe('npm start from anywhere', () => {
  it('starts from a checkout the postgres user cannot enter, and serves the demo herd', async () => {
    const checkout = await privateCheckout();
    const env = { PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(await freePort()) };
    const running = start(env, checkout);
    const [, url] = await waitForOutput(running, /Studbook is running at (\S+)/, 150_000);

    const { signIn } = await dataAt(url, SIGN_IN, { e: DEMO_USERS.reptiles.email, p: DEMO_PASSWORD });
    const { animals } = await dataAt(url, HERD, {}, signIn.token);
    expect(animals.edges.length).toBeGreaterThanOrEqual(60);
    expect(animals.edges.every((e) => e.node.owner!.name === DEMO_USERS.reptiles.organizationName)).toBe(true);

    const dataLink = path.join(checkout, '.data', 'postgres');
    if (userInfo().uid === 0) {
      // PostgreSQL runs as `postgres`, which cannot enter /root: its data lives where it can, linked from .data/.
      expect(lstatSync(dataLink).isSymbolicLink()).toBe(true);
      const target = await readlink(dataLink);
      cleanups.push(() => rm(target, { recursive: true, force: true }));
      expect(existsSync(path.join(target, 'PG_VERSION'))).toBe(true);
      expect(running.output()).toContain('the postgres user cannot enter this checkout');
    } else {
      expect(existsSync(path.join(dataLink, 'PG_VERSION'))).toBe(true);
    }
    expect(running.output()).not.toMatch(/EACCES|\n\s+at /);
    expect(await stopProcess(running)).toBe(130);
    expect(await portOpen(Number(env.EMBEDDED_POSTGRES_PORT))).toBe(false);
  }, 300_000);

  it('says in one sentence which port is taken and which variable moves it, and exits 1', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => taken.close(() => resolve())));
    const port = String((taken.address() as net.AddressInfo).port);

    const gatewayPort = start({ PORT: port, EMBEDDED_POSTGRES_PORT: String(await freePort()) });
    expect(await exitOf(gatewayPort)).toBe(1);
    expect(gatewayPort.output().trim()).toBe(`Studbook cannot start: Port ${port} is in use by another program: stop it, or set PORT to a free port.`);

    const postgresPort = start({ PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: port, DATA_DIR: await emptyFolder() });
    expect(await exitOf(postgresPort)).toBe(1);
    expect(postgresPort.output()).toContain(`Studbook cannot start: Port ${port} is in use by another program: stop it, or set EMBEDDED_POSTGRES_PORT to a free port.`);
    expect(postgresPort.output()).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('says which data folder it cannot write, and exits 1', async () => {
    const underAFile = path.join(repoRoot, 'package.json', 'data');
    const running = start({ PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(await freePort()), DATA_DIR: underAFile });
    expect(await exitOf(running)).toBe(1);
    expect(running.output().trim()).toBe(
      `Studbook cannot start: The data folder ${underAFile} cannot be written (ENOTDIR): set DATA_DIR to a folder this user may write, or fix its permissions.`,
    );
  }, 60_000);
});

async function emptyFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(homedir(), 'studbook-data-'));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  return folder;
}
