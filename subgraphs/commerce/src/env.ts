import { z } from 'zod';
import { envSchemas, parseEnv } from '@studbook/platform';

/** The commerce subgraph's configuration, parsed once at start. */
export function commerceEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      PORT: envSchemas.port(4002),
      HOST: z.string().default('127.0.0.1'),
      IDENTITY_SECRET: envSchemas.identitySecret,
      /** The service role's URL to the commerce database (RLS applies). */
      DATABASE_URL: envSchemas.url,
      /** Optional superuser URL: when set, the database is created and migrated at start. */
      MIGRATE_DATABASE_URL: envSchemas.optionalUrl,
      REDIS_URL: envSchemas.optionalUrl,
      /** Where listings check that an animal exists, who owns it and whether it is public. */
      ANIMAL_SUBGRAPH_URL: envSchemas.url,
      LOG_SILENT: envSchemas.silent,
    },
    source,
  );
}
