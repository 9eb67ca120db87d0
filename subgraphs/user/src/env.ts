import { z } from 'zod';
import { envSchemas, parseEnv } from '@studbook/platform';
import { createFieldCipher } from './modules/profile/field-cipher.js';

export const userEnvShape = {
  PORT: envSchemas.port(4004),
  HOST: z.string().min(1).default('127.0.0.1'),
  IDENTITY_PUBLIC_KEY: envSchemas.identityPublicKey,
  DYNAMODB_ENDPOINT: envSchemas.optionalUrl,
  DYNAMODB_REGION: z.string().min(1).default('local'),
  DYNAMODB_TABLE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a valid DynamoDB table name')
    .default('studbook'),
  REDIS_URL: envSchemas.optionalUrl,
  /** The animal subgraph, asked as the caller whether a preference's defaultSpecies is in the catalog. */
  ANIMAL_SUBGRAPH_URL: envSchemas.optionalUrl,
  SESSION_TTL_DAYS: z.coerce.number().positive().max(365).default(30),
  /** `kid1:base64key,kid2:base64key` (32-byte keys); unset only for development (a fixed key, logged). */
  PROFILE_ENCRYPTION_KEYS: z.string().optional(),
  /** The key id new values are encrypted with; default the last of PROFILE_ENCRYPTION_KEYS. */
  PROFILE_ENCRYPTION_ACTIVE_KEY: z.string().optional(),
  NODE_ENV: z.string().optional(),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  SIGN_IN_WINDOW_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  LOG_LEVEL: envSchemas.logLevel,
  LOG_SILENT: envSchemas.silent,
};

export type UserEnv = ReturnType<typeof userEnv>;

export function userEnv(source: NodeJS.ProcessEnv = process.env) {
  const env = parseEnv(userEnvShape, source);
  const problems: string[] = [];
  if (!env.PROFILE_ENCRYPTION_KEYS && env.NODE_ENV === 'production') problems.push('PROFILE_ENCRYPTION_KEYS: required in production (kid:base64 of 32 random bytes)');
  try {
    createFieldCipher(env.PROFILE_ENCRYPTION_KEYS, env.PROFILE_ENCRYPTION_ACTIVE_KEY);
  } catch (error) {
    problems.push(`PROFILE_ENCRYPTION_KEYS: ${(error as Error).message}`);
  }
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return env;
}
