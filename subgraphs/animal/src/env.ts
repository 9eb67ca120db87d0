import { parseEnv, sqlSubgraphEnvShape } from '@studbook/platform';

/** The animal subgraph's configuration, parsed once at start. */
export function animalEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(sqlSubgraphEnvShape(4001), source);
}
