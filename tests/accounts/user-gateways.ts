import { createCache, createIdentitySigner, createLogger, MemoryCache, Metrics, type Cache, type RunningServer } from '@studbook/platform';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { TypedDocumentString } from '../__generated__/graphql.js';
import type { Document } from '../support/operations.js';
import { startGateway } from '../../gateway/src/server.js';
import { loadSupergraph } from '../../gateway/src/supergraph.js';
import { gatewayPolicyFrom } from '../../gateway/src/policy.js';
import { startUserSubgraphHarness, type HarnessOptions, type UserSubgraphHarness } from '../../subgraphs/user/src/testing/user-subgraph-harness.js';

export interface UserGateways {
  /** GraphQL URLs of independent gateway instances in front of one user subgraph. */
  gatewayUrls: string[];
  subgraph: UserSubgraphHarness;
  stop(): Promise<void>;
}

/**
 * Gateways the way production runs them, in front of a user subgraph on the given DynamoDB
 * server (the platform's animal, commerce and research subgraphs stay behind them). Every
 * instance has its own cache client on the shared Redis (REDIS_URL), as separate processes
 * would; without Redis they share one in-process cache.
 */
export async function startUserGateways(dynamoEndpoint: string, count = 2, options: HarnessOptions = {}): Promise<UserGateways> {
  const redisUrl = inject('redisUrl');
  const logger = createLogger('test', { silent: true });
  const shared = new MemoryCache();
  const caches: Cache[] = [];
  const newCache = () => {
    const cache = redisUrl ? createCache(redisUrl, 'user-gateway-test', logger) : shared;
    caches.push(cache);
    return cache;
  };
  const identityKeys = { privateKey: inject('identityPrivateKey'), publicKey: inject('identityPublicKey') };
  const subgraph = await startUserSubgraphHarness(dynamoEndpoint, { ...options, identityKeys, cache: newCache() });
  const policy = gatewayPolicyFrom({ RATE_LIMIT_KEY_PREFIX: `user-gateways:${randomUUID()}` });
  const gateways: RunningServer[] = [];
  for (let i = 0; i < count; i++) {
    gateways.push(
      await startGateway(
        {
          supergraphSdl: loadSupergraph(),
          subgraphUrls: { ...inject('subgraphUrls'), user: subgraph.url },
          identitySigner: createIdentitySigner(identityKeys.privateKey),
          cache: newCache(),
          logger,
          metrics: new Metrics(),
          // Production limits, counted by these instances together but apart from other test files' gateways on the same Redis.
          policy,
        },
        { port: 0, host: '127.0.0.1' },
      ),
    );
  }
  return {
    gatewayUrls: gateways.map((gateway) => gateway.url),
    subgraph,
    async stop() {
      for (const gateway of gateways) await gateway.stop();
      await subgraph.stop();
      await Promise.all([...new Set(caches)].map((cache) => cache.close()));
    },
  };
}

export interface Response<T = unknown> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A request as a browser sends it: its own User-Agent, and a forged X-Forwarded-For the gateway must ignore. */
export async function post<R, V>(url: string, document: TypedDocumentString<R, V>, variables: V, token?: string, userAgent?: string): Promise<Response<R>>;
/** A document codegen cannot type (built at run time): its data is unknown. */
export async function post(url: string, query: string, variables?: Record<string, unknown>, token?: string, userAgent?: string): Promise<Response>;
export async function post(url: string, query: Document, variables: unknown = {}, token?: string, userAgent = FIREFOX): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': userAgent,
      'x-forwarded-for': '6.6.6.6',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: query.toString(), variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Response, 'status'>) };
}

export const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
export const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
