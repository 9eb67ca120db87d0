import { z } from 'zod';
import { envSchemas, parseEnv } from '@studbook/platform';

export const userEnvShape = {
  PORT: envSchemas.port(4004),
  HOST: z.string().min(1).default('127.0.0.1'),
  IDENTITY_SECRET: envSchemas.identitySecret,
  DYNAMODB_ENDPOINT: envSchemas.optionalUrl,
  DYNAMODB_REGION: z.string().min(1).default('local'),
  DYNAMODB_TABLE: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a valid DynamoDB table name').default('studbook'),
  REDIS_URL: envSchemas.optionalUrl,
  SESSION_TTL_DAYS: z.coerce.number().positive().max(365).default(30),
  LOG_SILENT: envSchemas.silent,
};

export type UserEnv = ReturnType<typeof userEnv>;

export function userEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(userEnvShape, source);
}
