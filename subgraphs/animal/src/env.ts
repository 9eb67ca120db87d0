import { envSchemas, parseEnv, sqlSubgraphEnvShape } from '@studbook/platform';
import { mediaEnvShape } from './modules/media/media-config.js';

/** The animal subgraph's configuration, parsed once at start. */
export function animalEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      ...sqlSubgraphEnvShape(4001),
      ...mediaEnvShape,
      /** Asked (as the caller) for the owner's name a certificate prints; unset: the organisation's id is printed. */
      USER_SUBGRAPH_URL: envSchemas.optionalUrl,
    },
    source,
  );
}
