import { z } from 'zod';
import { envSchemas, parseEnv, sqlSubgraphEnvShape } from '@studbook/platform';

/** The commerce subgraph's configuration, parsed once at start. */
export function commerceEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      ...sqlSubgraphEnvShape(4002),
      /** Where listings check that an animal exists, who owns it and whether it is public. */
      ANIMAL_SUBGRAPH_URL: envSchemas.url,
      /** How long a reservation holds a listing until its seller accepts it, in hours (fractions allowed). */
      SALE_RESERVATION_HOURS: z.coerce
        .number()
        .positive()
        .max(24 * 90)
        .default(48),
    },
    source,
  );
}
