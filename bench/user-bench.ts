import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  createDynamoClient,
  createIdentitySigner,
  createIdentityVerifier,
  createLogger,
  generateIdentityKeyPair,
  IDENTITY_HEADER,
  MemoryCache,
  Metrics,
  type Identity,
} from '@studbook/platform';
import { startDynamoDbLocal } from '../tests/support/dynamo-servers.js';
import { ensureUserTable } from '../subgraphs/user/src/dynamo/user-table.js';
import { keys } from '../subgraphs/user/src/dynamo/keys.js';
import { hashPassword, verifyPassword } from '../subgraphs/user/src/modules/user/password.js';
import { startUserSubgraph } from '../subgraphs/user/src/server.js';
import { createFieldCipher } from '../subgraphs/user/src/modules/profile/field-cipher.js';
import { ms, percentile, timed } from './stats.js';

const SIGN_INS = 1_000;
const SEQUENTIAL_SIGN_INS = 30;
const CONVERSATIONS = 100;
const MESSAGES_PER_CONVERSATION = 100;
const HOT_WRITERS = 10;
const HOT_APPENDS = 500;
const PASSWORD = 'correct horse battery staple';
const IDENTITY_KEYS = generateIdentityKeyPair();

const APPEND = `mutation ($c: ID!, $content: String!, $cid: String!) { appendMessage(conversationId: $c, role: USER, content: $content, clientMessageId: $cid) { id } }`;

/**
 * The user subgraph on AWS DynamoDB Local (started here, as the tests start it), called over HTTP
 * with gateway-signed identities: 1,000 sign-ins fired at once, then 10,000 message appends from
 * 100 concurrent writers (one conversation each), then 500 appends racing into one conversation.
 */
export async function benchUser(endpoint?: string): Promise<string> {
  const dynamo = endpoint ? { endpoint, stop: async () => undefined } : await startDynamoDbLocal();
  const client = createDynamoClient({ endpoint: dynamo.endpoint, region: 'local' });
  const tableName = `bench-user-${Date.now()}`;
  await ensureUserTable(client, tableName);
  const identitySigner = createIdentitySigner(IDENTITY_KEYS.privateKey);
  const server = await startUserSubgraph(
    {
      dynamo: client,
      tableName,
      cache: new MemoryCache(),
      identityVerifier: createIdentityVerifier(IDENTITY_KEYS.publicKey),
      logger: createLogger('bench', { silent: true }),
      metrics: new Metrics(),
      cipher: createFieldCipher(undefined, undefined).cipher,
      // The bench signs in the same accounts many times; throttling is for failures only anyway.
      signInThrottle: { maxFailures: 5, windowSeconds: 900 },
    },
    { port: 0, host: '127.0.0.1' },
  );
  // 1,000 requests are issued at once and served 128 at a time, as behind a gateway or load
  // balancer; 1,000 simultaneous connects would time out in the listen backlog instead.
  const agent = new http.Agent({ keepAlive: false, maxSockets: 128 });
  const slots = limiter(128);
  const call = (query: string, variables: Record<string, unknown>, identity: Identity = { kind: 'anonymous' }) => slots(() => send(query, variables, identity));
  // The identity token is signed once a connection is free, as the gateway signs it per request.
  const send = async (query: string, variables: Record<string, unknown>, identity: Identity) => {
    const body = JSON.stringify({ query, variables });
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [IDENTITY_HEADER]: await identitySigner.sign(identity) };
    const text = await new Promise<string>((resolve, reject) => {
      const request = http.request(server.url, { method: 'POST', headers, agent }, (response) => {
        let data = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (data += chunk));
        response.on('end', () => resolve(data));
      });
      request.on('error', reject);
      request.end(body);
    });
    const result = JSON.parse(text) as { data: Record<string, { id: string }>; errors?: unknown[] };
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const timedCall = async (...args: Parameters<typeof call>) => {
    const start = performance.now();
    await call(...args);
    return performance.now() - start;
  };

  try {
    const passwordHash = await hashPassword(PASSWORD);
    const users = await seedUsers(client, tableName, SIGN_INS, passwordHash);
    const signInQuery = 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }';
    const sequential: number[] = [];
    for (const u of users.slice(0, SEQUENTIAL_SIGN_INS)) sequential.push(await timedCall(signInQuery, { e: u.email, p: PASSWORD }));
    const hashes: number[] = [];
    for (let i = 0; i < SEQUENTIAL_SIGN_INS; i++) hashes.push(await timed(() => verifyPassword(PASSWORD, passwordHash)));
    const signInStart = performance.now();
    const signIns = await Promise.all(users.map((u) => timedCall(signInQuery, { e: u.email, p: PASSWORD })));
    const signInSeconds = (performance.now() - signInStart) / 1000;

    const writers = users.slice(0, CONVERSATIONS).map((u) => ({ kind: 'user', userId: u.userId, organizationId: u.organizationId, role: 'OWNER' }) as Identity);
    const conversations = await Promise.all(
      writers.map(async (identity) => (await call('mutation { startConversation(title: "bench") { id } }', {}, identity)).startConversation.id),
    );
    const appendStart = performance.now();
    const appends = (
      await Promise.all(
        writers.map(async (identity, w) => {
          const samples: number[] = [];
          for (let i = 0; i < MESSAGES_PER_CONVERSATION; i++) {
            samples.push(await timedCall(APPEND, { c: conversations[w], content: `Message ${i}: ${'lorem ipsum '.repeat(20)}`, cid: `w${w}-${i}` }, identity));
          }
          return samples;
        }),
      )
    ).flat();
    const appendSeconds = (performance.now() - appendStart) / 1000;

    const hotStart = performance.now();
    const hot = (
      await Promise.all(
        Array.from({ length: HOT_WRITERS }, async (_, w) => {
          const samples: number[] = [];
          for (let i = 0; i < HOT_APPENDS / HOT_WRITERS; i++)
            samples.push(await timedCall(APPEND, { c: conversations[0], content: `hot ${w}-${i}`, cid: `hot-${w}-${i}` }, writers[0]));
          return samples;
        }),
      )
    ).flat();
    const hotSeconds = (performance.now() - hotStart) / 1000;

    const row = (label: string, samples: number[], seconds: number) =>
      `| ${label} | ${samples.length.toLocaleString('en')} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 99))} | ${(samples.length / seconds).toFixed(0)}/s |`;
    return [
      'The user subgraph over HTTP (gateway-signed identities, no gateway hop) on AWS DynamoDB Local (in-memory, a JVM on the same 2 cores).',
      '',
      '| operation | requests | p50 | p99 | throughput |',
      '| --- | --- | --- | --- | --- |',
      row('sign-in, one at a time', sequential, sequential.reduce((a, b) => a + b, 0) / 1000),
      row(`sign-in, all ${SIGN_INS.toLocaleString('en')} issued at once (128 in flight)`, signIns, signInSeconds),
      row(`appendMessage, ${CONVERSATIONS} concurrent writers, a conversation each`, appends, appendSeconds),
      row(`appendMessage, ${HOT_WRITERS} writers racing into one conversation`, hot, hotSeconds),
      '',
      `A sign-in is one Argon2id verification (m=19 MiB, t=2, p=1: ${ms(percentile(hashes, 50))} p50 on its own here) plus 7 DynamoDB calls (one lists sessions for the cap of 100 per user); ` +
        `issued all at once they queue for the CPU (2 cores shared with the JVM), so their throughput is the hash rate and their latency the queue. ` +
        `An append is 2 consistent GetItem (retry check) + 1 consistent Query (last sequence) + 1 GetItem via BatchGet (retention) + 1 TransactWriteItems; ` +
        `writers racing into one conversation retry on taken sequence numbers and transaction conflicts.`,
    ].join('\n');
  } finally {
    agent.destroy();
    await server.stop();
    client.destroy();
    await dynamo.stop();
  }
}

/** Accounts written straight into the table with one shared password hash: 1,000 Argon2id sign-ups would only bench the hash. */
async function seedUsers(client: ReturnType<typeof createDynamoClient>, tableName: string, count: number, passwordHash: string) {
  const now = new Date().toISOString();
  const users = Array.from({ length: count }, (_, i) => ({ userId: randomUUID(), organizationId: randomUUID(), email: `bench-${i}-${randomUUID()}@example.test` }));
  const items = users.flatMap((u) => [
    { ...keys.email(u.email), userId: u.userId },
    { ...keys.user(u.userId), id: u.userId, email: u.email, name: 'Bench', defaultOrganizationId: u.organizationId, createdAt: now, passwordHash },
    { ...keys.organization(u.organizationId), id: u.organizationId, name: 'Bench Farm', createdAt: now, ownerCount: 1 },
    {
      ...keys.membership(u.organizationId, u.userId),
      ...keys.membershipByUser(u.organizationId, u.userId),
      organizationId: u.organizationId,
      userId: u.userId,
      role: 'OWNER',
      createdAt: now,
    },
  ]);
  for (let i = 0; i < items.length; i += 25) {
    let pending: NonNullable<BatchWriteCommandInput['RequestItems']>[string] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = UnprocessedItems?.[tableName] ?? [];
    }
  }
  return users;
}

/** Runs at most `size` tasks at once, in the order they were queued. */
function limiter(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
