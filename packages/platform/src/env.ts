import { z } from 'zod';
import type { KeyObject } from 'node:crypto';
import { LOG_LEVELS } from './logger.js';
import { importIdentityPrivateKey, importIdentityPublicKey } from './identity/identity-keys.js';

/**
 * Parses a deployable's environment once, reporting every problem at once.
 * Throws a single error listing each invalid variable; index.ts decides to exit.
 */
export function parseEnv<T extends z.ZodRawShape>(shape: T, source: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<T>> {
  const result = z.object(shape).safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return result.data;
}

// A key is checked where the rest of the configuration is, so a bad one is listed with every other problem.
function pemKey(importKey: (pem: string) => KeyObject, whatToSet: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? `required: ${whatToSet}` : undefined) }).transform((pem, ctx) => {
    try {
      return importKey(pem);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}

/** Zod pieces every deployable's env.ts reuses. */
export const envSchemas = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  /** The gateway's Ed25519 signing key, PEM (PKCS#8); imported here, once. */
  identityPrivateKey: pemKey(importIdentityPrivateKey, 'an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)'),
  /** The gateway's Ed25519 public key, PEM (SPKI): all a subgraph needs to check identity tokens. */
  identityPublicKey: pemKey(importIdentityPublicKey, "the gateway's Ed25519 public key in PEM (openssl pkey -in private.pem -pubout)"),
  optionalUrl: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  url: z.string().url(),
  /** Redis pub/sub channel prefix for domain events; relays and gateways of one deployment share it. */
  eventsNamespace: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,60}$/)
    .default('studbook'),
  /** LOG_LEVEL: debug, info, warn, error or silent. */
  logLevel: z.enum(LOG_LEVELS).default('info'),
  silent: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
};

/** What every PostgreSQL-backed subgraph (animal, commerce, research) is configured with. */
export function sqlSubgraphEnvShape(defaultPort: number) {
  return {
    PORT: envSchemas.port(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    IDENTITY_PUBLIC_KEY: envSchemas.identityPublicKey,
    /** The service role's URL to the subgraph's own database (RLS applies). */
    DATABASE_URL: envSchemas.url,
    /** Optional superuser URL: when set, the database is created and migrated at start. */
    MIGRATE_DATABASE_URL: envSchemas.optionalUrl,
    REDIS_URL: envSchemas.optionalUrl,
    /** With REDIS_URL: the Redis channel prefix the outbox relay publishes committed events under. */
    EVENTS_NAMESPACE: envSchemas.eventsNamespace,
    LOG_LEVEL: envSchemas.logLevel,
    LOG_SILENT: envSchemas.silent,
  };
}
