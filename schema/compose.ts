import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readSdlFolder } from '@studbook/platform';

export const SUBGRAPH_NAMES = ['animal', 'commerce', 'research', 'user'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const schemaDir = path.dirname(fileURLToPath(import.meta.url));
export const SUPERGRAPH_PATH = path.join(schemaDir, 'supergraph.graphql');

/** Default routing URLs baked into the supergraph (the docker-compose service names); the gateway overrides them from config. */
const DEFAULT_URLS: Record<SubgraphName, string> = {
  animal: 'http://animal:4001/graphql',
  commerce: 'http://commerce:4002/graphql',
  research: 'http://research:4003/graphql',
  user: 'http://user:4004/graphql',
};

export function subgraphSdl(name: SubgraphName): string {
  return readSdlFolder(path.join(schemaDir, name));
}

/** Composes the four subgraph SDLs in-process; throws with every composition error listed. */
export function composeSupergraph(): string {
  const result = composeServices(SUBGRAPH_NAMES.map((name) => ({ name, url: DEFAULT_URLS[name], typeDefs: parse(subgraphSdl(name)) })));
  if (result.errors?.length) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl!;
}
