import { parseEnv, sqlSubgraphEnvShape } from '@studbook/platform';
import { mediaEnvShape } from './modules/media/media-config.js';

/** The animal subgraph's configuration, parsed once at start. */
export function animalEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv({ ...sqlSubgraphEnvShape(4001), ...mediaEnvShape }, source);
}
