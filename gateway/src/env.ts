import { z } from 'zod';
import { envSchemas, parseEnv } from '@studbook/platform';
import { gatewayPolicyShape } from './policy.js';

/** The gateway's configuration, parsed once at start. */
export function gatewayEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      PORT: envSchemas.port(4000),
      HOST: z.string().default('127.0.0.1'),
      /** Signs the identity token forwarded to subgraphs; they hold only the public key. */
      IDENTITY_PRIVATE_KEY: envSchemas.identityPrivateKey,
      ANIMAL_URL: envSchemas.url,
      COMMERCE_URL: envSchemas.url,
      RESEARCH_URL: envSchemas.url,
      USER_URL: envSchemas.url,
      REDIS_URL: envSchemas.optionalUrl,
      /** Prefix of the Redis pub/sub channels events arrive on; the same value as the relays'. */
      EVENTS_NAMESPACE: envSchemas.eventsNamespace,
      /** How often an open WebSocket re-checks its session token (a sign-out closes it within this). */
      REALTIME_SESSION_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
      SUPERGRAPH_PATH: z.string().optional(),
      LOG_LEVEL: envSchemas.logLevel,
      LOG_SILENT: envSchemas.silent,
      ...gatewayPolicyShape,
    },
    source,
  );
}
