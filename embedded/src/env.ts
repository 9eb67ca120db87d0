import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envSchemas, parseEnv } from '@studbook/platform';
import { gatewayPolicyShape } from '@studbook/gateway/src/policy.js';
import { mediaEnvShape } from '@studbook/animal/src/modules/media/media-config.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Configuration of the all-in-one process; every store falls back to an embedded one. */
export function embeddedEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      PORT: envSchemas.port(4000),
      HOST: z.string().default('127.0.0.1'),
      /** Superuser URL of an existing PostgreSQL server; unset: embedded PostgreSQL in DATA_DIR. */
      POSTGRES_URL: envSchemas.optionalUrl,
      EMBEDDED_POSTGRES_PORT: envSchemas.port(54329),
      DATABASE_PREFIX: z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,40}$/)
        .default('studbook'),
      DATABASE_APP_ROLE: z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,62}$/)
        .default('studbook_app'),
      DATABASE_APP_PASSWORD: z.string().min(1).default('studbook_app'),
      /** Unset: in-process cache and pub/sub. */
      REDIS_URL: envSchemas.optionalUrl,
      /** How long a marketplace reservation holds a listing until its seller accepts it, in hours. */
      SALE_RESERVATION_HOURS: z.coerce
        .number()
        .positive()
        .max(24 * 90)
        .default(48),
      /** Unset: dynalite with its data in DATA_DIR. */
      DYNAMODB_ENDPOINT: envSchemas.optionalUrl,
      DYNAMODB_REGION: z.string().default('local'),
      DYNAMODB_TABLE: z.string().min(3).default('studbook'),
      /** S3_ENDPOINT unset: s3rver with its objects in DATA_DIR (set S3_USE_AWS=true for AWS S3 itself). */
      ...mediaEnvShape,
      S3_USE_AWS: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
      /** Unset: a fresh Ed25519 key pair per start (identity tokens live 60 s, so nothing outlives a restart). */
      IDENTITY_PRIVATE_KEY: envSchemas.identityPrivateKey.optional(),
      DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
      DEMO_DATA: z
        .enum(['true', 'false'])
        .default('true')
        .transform((v) => v === 'true'),
      LOG_LEVEL: envSchemas.logLevel,
      LOG_SILENT: envSchemas.silent,
      ...gatewayPolicyShape,
    },
    source,
  );
}
