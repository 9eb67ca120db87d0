import { z } from 'zod';
import { envSchemas, parseEnv } from '@studbook/platform';

/** The gateway's configuration, parsed once at start. */
export function gatewayEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      PORT: envSchemas.port(4000),
      HOST: z.string().default('127.0.0.1'),
      IDENTITY_SECRET: envSchemas.identitySecret,
      ANIMAL_URL: envSchemas.url,
      COMMERCE_URL: envSchemas.url,
      RESEARCH_URL: envSchemas.url,
      USER_URL: envSchemas.url,
      REDIS_URL: envSchemas.optionalUrl,
      SUPERGRAPH_PATH: z.string().optional(),
      LOG_SILENT: envSchemas.silent,
    },
    source,
  );
}
