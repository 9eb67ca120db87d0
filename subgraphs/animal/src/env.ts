import { z } from 'zod';
import { envSchemas, parseEnv } from '@studbook/platform';

/** The animal subgraph's configuration, parsed once at start. */
export function animalEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      PORT: envSchemas.port(4001),
      HOST: z.string().default('127.0.0.1'),
      IDENTITY_SECRET: envSchemas.identitySecret,
      /** The service role's URL to the animal database (RLS applies). */
      DATABASE_URL: envSchemas.url,
      /** Optional superuser URL: when set, the database is created and migrated at start. */
      MIGRATE_DATABASE_URL: envSchemas.optionalUrl,
      REDIS_URL: envSchemas.optionalUrl,
      LOG_SILENT: envSchemas.silent,
    },
    source,
  );
}
