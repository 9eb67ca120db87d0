import { z } from 'zod';
import { envSchemas, parseEnv } from '@studbook/platform';
import { mediaEnvShape } from '@studbook/animal/src/modules/media/media-config.js';
import type { Installation } from './installation.js';

/** The installation `npm run backup` and `npm run restore` work on: the variables `npm start` and the services read. */
export function installationFromEnv(source: NodeJS.ProcessEnv = process.env): Installation {
  const env = parseEnv(
    {
      /** Superuser URL of the PostgreSQL server (the embedded one of `npm start`: postgres://postgres:postgres@127.0.0.1:54329/postgres). */
      POSTGRES_URL: envSchemas.url,
      DATABASE_PREFIX: z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,40}$/)
        .default('studbook'),
      DATABASE_APP_ROLE: z.string().default('studbook_app'),
      DATABASE_APP_PASSWORD: z.string().min(1).default('studbook_app'),
      DYNAMODB_ENDPOINT: envSchemas.optionalUrl,
      DYNAMODB_REGION: z.string().default('local'),
      DYNAMODB_TABLE: z.string().min(3).default('studbook'),
      S3_ENDPOINT: mediaEnvShape.S3_ENDPOINT,
      S3_REGION: mediaEnvShape.S3_REGION,
      S3_BUCKET: mediaEnvShape.S3_BUCKET,
    },
    source,
  );
  return {
    adminUrl: env.POSTGRES_URL,
    databasePrefix: env.DATABASE_PREFIX,
    appRole: env.DATABASE_APP_ROLE,
    appPassword: env.DATABASE_APP_PASSWORD,
    dynamo: { endpoint: env.DYNAMODB_ENDPOINT, region: env.DYNAMODB_REGION, tableName: env.DYNAMODB_TABLE },
    objectStore: { endpoint: env.S3_ENDPOINT, region: env.S3_REGION, bucket: env.S3_BUCKET },
  };
}
