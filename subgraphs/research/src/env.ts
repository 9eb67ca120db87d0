import { envSchemas, parseEnv, sqlSubgraphEnvShape } from '@studbook/platform';

/** The research subgraph's configuration, parsed once at start. */
export function researchEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      ...sqlSubgraphEnvShape(4003),
      /** Where measurements check that the caller may see an animal. */
      ANIMAL_SUBGRAPH_URL: envSchemas.url,
    },
    source,
  );
}
