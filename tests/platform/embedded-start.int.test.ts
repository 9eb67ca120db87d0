import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../embedded/src/demo-data.js';
import { graphqlRequest } from '../support/gateway-client.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
let dataDir: string;
let running: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Runs what `npm start` runs, with no store configured, and waits for its banner. */
async function start(env: Record<string, string>): Promise<{ url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'embedded/src/index.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 150 s:\n${output}`)), 150_000);
    child.stdout.on('data', () => {
      const match = /Studbook is running at (\S+)/.exec(output);
      if (match) (clearTimeout(timer), resolve(match[1]));
    });
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`exited with ${code}:\n${output}`))));
  });
  return { url, output: () => output };
}

async function stop(): Promise<number | null> {
  const child = running!;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  running = undefined;
  return exited;
}

afterAll(async () => {
  if (running) await stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start on embedded defaults', () => {
  it('starts embedded PostgreSQL and DynamoDB, loads demo data once, and serves the cross-subgraph query', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'studbook-start-'));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its folder
    const env = { PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(await freePort()), DATA_DIR: dataDir };

    const first = await start(env);
    expect(first.output()).toContain('REDIS_URL not set: using the in-process cache');
    expect(first.output()).toContain(DEMO_USERS.reptiles.email);
    const animalsOf = async (url: string) => {
      const signIn = await graphqlRequest(url, 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', { e: DEMO_USERS.reptiles.email, p: DEMO_PASSWORD });
      const token = signIn.data!.signIn.token;
      const result = await graphqlRequest(
        url,
        '{ animals(first: 500, filter: { mine: true }) { edges { node { name species { commonName } sire { name } owner { name } listing { price } measurements { trait } } } } }',
        {},
        token,
      );
      return result.data!.animals.edges.map((e: any) => e.node);
    };
    const herd = await animalsOf(first.url);
    expect(herd.length).toBeGreaterThanOrEqual(60);
    expect(herd.every((a: any) => a.owner.name === DEMO_USERS.reptiles.organizationName && a.species.commonName === 'Ball python')).toBe(true);
    expect(herd.filter((a: any) => a.listing).length).toBeGreaterThan(0);
    expect(await stop()).toBe(130);
    expect(await portOpen(Number(env.EMBEDDED_POSTGRES_PORT))).toBe(false);

    const second = await start(env);
    expect(second.output()).toContain('demo data already present');
    expect((await animalsOf(second.url)).length).toBe(herd.length);
    expect(await stop()).toBe(130);
    expect(await portOpen(Number(env.EMBEDDED_POSTGRES_PORT))).toBe(false);
  }, 300_000);
});
