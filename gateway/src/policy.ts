import { z } from 'zod';
import type { BudgetLimits } from './budget/operation-budget.js';
import type { RateLimitSettings } from './rate-limit/rate-limits.js';
import type { TrustedDocumentsMode } from './web/trusted-documents.js';

/**
 * What the gateway allows and how it presents itself: operation budgets, rate limits, transport.
 * One shape for the standalone gateway (gateway/src/env.ts) and `npm start` (embedded/src/env.ts),
 * so every limit is configured the same way wherever the gateway runs. Each part of the policy
 * adds its variables here and reads them in `gatewayPolicyFrom`.
 */
/** scheme://host[:port] with a host spelled out (a CSP source with no wildcard in it). */
const NAMED_ORIGIN = /^https?:\/\/([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:]+\])(:\d{1,5})?$/;

export const gatewayPolicyShape = {
  /** Deepest selection an operation may nest. */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).max(1_000).default(32),
  /** Operation budget (gateway/src/budget/): cost of one operation by a signed-in caller. */
  MAX_OPERATION_COST: z.coerce.number().int().min(1).default(200_000),
  /** Cost of one operation by a caller without a session. */
  MAX_ANONYMOUS_OPERATION_COST: z.coerce.number().int().min(1).default(20_000),
  /** Pedigree positions one operation may list across all its pedigrees. */
  MAX_PEDIGREE_NODES: z.coerce.number().int().min(1).default(100_000),
  /** kinship and pairingPreview fields in one operation. */
  MAX_PAIRS_PER_OPERATION: z.coerce.number().int().min(1).default(200),
  MAX_ALIASES: z.coerce.number().int().min(0).default(256),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  /** Lexical tokens of one document; parsing stops there. */
  MAX_TOKENS: z.coerce.number().int().min(100).default(10_000),
  /** Operations and fragments one document may define (each is validated, run or not). */
  MAX_DEFINITIONS: z.coerce.number().int().min(1).default(100),
  /** Fields repeating a response name already selected beside them, over a document (validation compares them pairwise). */
  MAX_REPEATED_FIELDS: z.coerce.number().int().min(0).default(100),
  /** Load balancers in front whose X-Forwarded-For entry names the client; 0: the socket address. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Rate limits (gateway/src/rate-limit/): requests (HTTP, WebSocket connection_init and subscribe) per client address per window; 0: none. */
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(1_200),
  /** Requests per session token per window; 0: none. */
  RATE_LIMIT_PER_SESSION: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** signUp, signIn and acceptInvitation fields (each alias counts) per client address per window; 0: none. */
  AUTH_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(100),
  /** The same fields per session token per window; 0: none. */
  AUTH_RATE_LIMIT_PER_SESSION: z.coerce.number().int().min(0).default(20),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Prefix of the counters' Redis keys: gateways with the same one share the budgets. */
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default('studbook:rate'),
  /** Browser origins besides the gateway's own that may call the API, comma-separated (e.g. http://localhost:5173). */
  CORS_ORIGINS: z
    .string()
    .default('')
    .refine((list) => originsOf(list).every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'origins are scheme://host[:port], no path'),
  /**
   * Origins the browser uploads media to and loads them from (the presigned S3 URLs), comma-separated,
   * e.g. https://studbook-media.s3.eu-west-1.amazonaws.com; the web app's CSP allows these and no
   * other. `npm start` adds its S3 endpoint's origin itself.
   */
  MEDIA_ORIGINS: z
    .string()
    .default('')
    .refine((list) => originsOf(list).every((o) => NAMED_ORIGIN.test(o)), 'origins are scheme://host[:port], no path and no wildcard'),
  /** A port of its own for /metrics; unset, /metrics is served only with METRICS_TOKEN. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Interface of the metrics listener (a scraper in another container needs 0.0.0.0). */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** Serves /metrics on the public port to `Authorization: Bearer <METRICS_TOKEN>` only. */
  METRICS_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  /** Schema introspection and the browser playground; default: on, off with NODE_ENV=production. */
  INTROSPECTION: z.enum(['true', 'false']).optional(),
  PLAYGROUND: z.enum(['true', 'false']).optional(),
  /** Trusted documents (gateway/src/web/trusted-documents.ts): off, app-origin (refuse unknown documents from the app's origin) or everyone; default: app-origin with NODE_ENV=production, else off. */
  TRUSTED_DOCUMENTS: z.enum(['off', 'app-origin', 'everyone']).optional(),
  /**
   * Identical subgraph reads of one caller in flight at once share one subgraph call (never across
   * callers); `off` sends every one, for measuring a request's unshared cost (bench/gateways-bench.ts).
   */
  SUBGRAPH_DEDUPE: z.enum(['on', 'off']).default('on'),
  NODE_ENV: z.string().optional(),
};

export type GatewayPolicyEnv = z.infer<z.ZodObject<typeof gatewayPolicyShape>>;

export interface GatewayPolicy {
  maxQueryDepth: number;
  /** What one operation may cost, checked before it runs (gateway/src/budget/). */
  budget: BudgetLimits;
  trustedProxyHops: number;
  /** Request and sign-in budgets per client address and per session (gateway/src/rate-limit/). */
  rateLimits: RateLimitSettings;
  /** Origins (besides the gateway's own) whose browsers may call the API. */
  corsOrigins: string[];
  /** Where the browser PUTs media and loads their signed URLs from: the web app's CSP allows them. */
  mediaOrigins: string[];
  metrics: { port?: number; host: string; token?: string };
  introspection: boolean;
  playground: boolean;
  /** Which callers may send documents other than the web app's trusted ones. */
  trustedDocuments: TrustedDocumentsMode;
  /** Whether one caller's identical subgraph reads in flight at once share one call. */
  subgraphDedupe: boolean;
}

/** The policy a gateway runs with when nothing is configured. */
export function gatewayPolicyFrom(env: Partial<GatewayPolicyEnv> = {}): GatewayPolicy {
  const parsed = z.object(gatewayPolicyShape).parse(env);
  return {
    maxQueryDepth: parsed.MAX_QUERY_DEPTH,
    budget: {
      maxCost: parsed.MAX_OPERATION_COST,
      maxAnonymousCost: parsed.MAX_ANONYMOUS_OPERATION_COST,
      maxPedigreeNodes: parsed.MAX_PEDIGREE_NODES,
      maxPairs: parsed.MAX_PAIRS_PER_OPERATION,
      maxAliases: parsed.MAX_ALIASES,
      maxDirectives: parsed.MAX_DIRECTIVES,
      maxTokens: parsed.MAX_TOKENS,
      maxDefinitions: parsed.MAX_DEFINITIONS,
      maxRepeatedFields: parsed.MAX_REPEATED_FIELDS,
    },
    trustedProxyHops: parsed.TRUSTED_PROXY_HOPS,
    rateLimits: {
      requests: { perAddress: parsed.RATE_LIMIT_PER_ADDRESS, perSession: parsed.RATE_LIMIT_PER_SESSION, windowSeconds: parsed.RATE_LIMIT_WINDOW_SECONDS },
      auth: { perAddress: parsed.AUTH_RATE_LIMIT_PER_ADDRESS, perSession: parsed.AUTH_RATE_LIMIT_PER_SESSION, windowSeconds: parsed.AUTH_RATE_LIMIT_WINDOW_SECONDS },
      keyPrefix: parsed.RATE_LIMIT_KEY_PREFIX,
    },
    corsOrigins: originsOf(parsed.CORS_ORIGINS),
    mediaOrigins: originsOf(parsed.MEDIA_ORIGINS),
    metrics: { port: parsed.METRICS_PORT, host: parsed.METRICS_HOST, token: parsed.METRICS_TOKEN },
    // A production API does not describe itself to strangers unless asked to.
    introspection: (parsed.INTROSPECTION ?? String(parsed.NODE_ENV !== 'production')) === 'true',
    playground: (parsed.PLAYGROUND ?? String(parsed.NODE_ENV !== 'production')) === 'true',
    trustedDocuments: parsed.TRUSTED_DOCUMENTS ?? (parsed.NODE_ENV === 'production' ? 'app-origin' : 'off'),
    subgraphDedupe: parsed.SUBGRAPH_DEDUPE === 'on',
  };
}

function originsOf(list: string): string[] {
  return list
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}
