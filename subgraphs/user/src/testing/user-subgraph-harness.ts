import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { BatchWriteCommand, ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createDynamoClient,
  createIdentitySigner,
  createIdentityVerifier,
  generateIdentityKeyPair,
  IDENTITY_HEADER,
  MemoryCache,
  Metrics,
  type Cache,
  type Identity,
  type IdentityKeyPair,
  type Logger,
  type RunningServer,
  type UserIdentity,
} from '@studbook/platform';
import { ensureUserTable } from '../dynamo/user-table.js';
import { startUserSubgraph, type UserSubgraphDeps } from '../server.js';
import type { DynamoImplementation, DynamoServer } from '../../../../tests/support/dynamo-servers.js';

/** The key pair of the gateway these tests play; the subgraph gets only its public half. */
export const IDENTITY_KEYS = generateIdentityKeyPair();
export const GATEWAY: Identity = { kind: 'service', service: 'gateway' };
export const ANONYMOUS: Identity = { kind: 'anonymous' };

/** A response as the client reads it; `TData` is the shape the test's operation selects. */
export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: { message: string; extensions?: Record<string, unknown>; [key: string]: unknown }[];
}

/** Every item of the user table has a string partition and sort key. */
export type TableItem = { PK: string; SK: string } & Record<string, unknown>;

/** Who the gateway says is calling (anonymous unless given; null sends no identity token) and extra headers. */
export interface RequestOptions {
  identity?: Identity | null;
  headers?: Record<string, string>;
}

export interface UserSubgraphHarness {
  url: string;
  endpoint: string;
  tableName: string;
  dynamo: DynamoDBDocumentClient;
  cache: Cache;
  /** Errors the subgraph logged (masked for the client, kept for operators). */
  loggedErrors: { message: string; fields?: Record<string, unknown> }[];
  /** DynamoDB commands the subgraph sent, by name, since the last reset. */
  commands: Map<string, number>;
  request<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<TData>>;
  /** Every item of this test's table: a Scan, acceptable only here, on a table a few items big. */
  allItems(): Promise<TableItem[]>;
  putItems(items: Record<string, unknown>[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Registers the hooks every user-subgraph test file needs: one DynamoDB server per
 * implementation, and a fresh subgraph (own table) for each test, handed over through `use`.
 */
export function startForEachTest(implementation: DynamoImplementation, use: (harness: UserSubgraphHarness) => void, options: HarnessOptions = {}): void {
  let dynamo: DynamoServer;
  let harness: UserSubgraphHarness | undefined;
  beforeAll(async () => {
    dynamo = await implementation.start();
  });
  afterAll(async () => {
    await dynamo?.stop();
  });
  beforeEach(async () => {
    harness = await startUserSubgraphHarness(dynamo.endpoint, options);
    use(harness);
  });
  afterEach(async () => {
    await harness?.stop();
  });
}

/** What a test may change about the subgraph: the rest is the production wiring. */
export type HarnessOptions = Partial<Pick<UserSubgraphDeps, 'cache' | 'cipher' | 'signInThrottle' | 'invitationTtlSeconds' | 'sessionTtlSeconds' | 'speciesCatalog'>> & {
  identityKeys?: IdentityKeyPair;
  /** Serve an existing table (another harness's) instead of a fresh one. */
  tableName?: string;
};

/** A user subgraph on its own fresh table, so each test can assert exactly what was written. */
export async function startUserSubgraphHarness(endpoint: string, options: HarnessOptions = {}): Promise<UserSubgraphHarness> {
  const dynamo = createDynamoClient({ endpoint, region: 'local' });
  const commands = new Map<string, number>();
  dynamo.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? 'unknown';
      commands.set(name, (commands.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  const tableName = options.tableName ?? `user-test-${randomUUID()}`;
  await ensureUserTable(dynamo, tableName);
  const { identityKeys = IDENTITY_KEYS, cache = new MemoryCache(), tableName: _existing, ...overrides } = options;
  const loggedErrors: UserSubgraphHarness['loggedErrors'] = [];
  const gatewaySigner = createIdentitySigner(identityKeys.privateKey);
  const server: RunningServer = await startUserSubgraph(
    {
      dynamo,
      tableName,
      cache,
      identityVerifier: createIdentityVerifier(identityKeys.publicKey),
      logger: recordingLogger(loggedErrors),
      metrics: new Metrics(),
      ...overrides,
    },
    { port: 0 },
  );

  return {
    url: server.url,
    endpoint,
    tableName,
    dynamo,
    cache,
    loggedErrors,
    commands,
    async request<TData>(query: string, variables: Record<string, unknown> = {}, { identity = ANONYMOUS, headers = {} }: RequestOptions = {}) {
      const identityHeader: Record<string, string> = identity ? { [IDENTITY_HEADER]: await gatewaySigner.sign(identity) } : {};
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...identityHeader, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<TData>, 'status'>) };
    },
    async allItems() {
      const items: TableItem[] = [];
      let ExclusiveStartKey: ScanCommandInput['ExclusiveStartKey'];
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }));
        items.push(...((page.Items ?? []) as TableItem[]));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    async putItems(items) {
      for (let i = 0; i < items.length; i += 25) {
        let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const { UnprocessedItems } = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = (UnprocessedItems?.[tableName] ?? []) as typeof pending;
        }
      }
    },
    async stop() {
      await server.stop();
      dynamo.destroy();
    },
  };
}

function recordingLogger(errors: UserSubgraphHarness['loggedErrors']): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (message, fields) => void errors.push({ message, fields }),
    child: () => logger,
  };
  return logger;
}

/** `user { id email name role organization { id name } }`, as SIGN_UP and SIGN_IN select it. */
export interface SelectedUser {
  id: string;
  email: string;
  name: string;
  role: string;
  organization: { id: string; name: string };
}

export interface SignUpData {
  signUp: { token: string; user: SelectedUser };
}

export interface SignInData {
  signIn: { token: string; user: SelectedUser };
}

export interface SessionIdentityData {
  sessionIdentity: Omit<UserIdentity, 'kind'> | null;
}

export const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { token user { id email name role organization { id name } } }
  }
`;

export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) { token user { id email name role organization { id name } } }
  }
`;

export const SESSION_IDENTITY = /* GraphQL */ `
  query SessionIdentity($token: String!) { sessionIdentity(token: $token) { userId organizationId role } }
`;

export const ME = /* GraphQL */ `
  query Me { me { id email name role organization { id name } } }
`;

export function signUpInput(overrides: Partial<Record<'email' | 'password' | 'name' | 'organizationName', string>> = {}) {
  return {
    email: `breeder-${randomUUID()}@example.com`,
    password: 'correct horse battery staple',
    name: 'Ada Breeder',
    organizationName: 'Python Farm',
    ...overrides,
  };
}

/** Asserts nothing but public fields reached the client: no stack, no internal extension. */
export function leakedErrorDetails(response: GraphQLResponse<unknown>): string[] {
  const leaks: string[] = [];
  for (const error of response.errors ?? []) {
    for (const key of Object.keys(error)) if (!['message', 'locations', 'path', 'extensions'].includes(key)) leaks.push(key);
    for (const key of Object.keys(error.extensions ?? {})) if (!['code', 'field', 'retryAfterSeconds'].includes(key)) leaks.push(`extensions.${key}`);
  }
  return leaks;
}
