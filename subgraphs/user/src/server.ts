import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import { readSdlFolder, startSubgraphHttpServer, type Cache, type IdentityVerifier, type Logger, type Metrics, type RunningServer } from '@studbook/platform';
import { createContext, type SubgraphContext } from './context.js';
import { DEFAULT_SESSION_TTL_SECONDS } from './modules/session/session-service.js';
import { DEFAULT_INVITATION_TTL_SECONDS } from './modules/organization/organization-service.js';
import { createFieldCipher, type FieldCipher } from './modules/profile/field-cipher.js';
import { DEFAULT_SIGN_IN_THROTTLE, type SignInThrottleSettings } from './modules/user/sign-in-throttle.js';
import { resolvers } from './__generated__/resolvers.js';
import { AnimalSubgraphSpeciesCatalog, unconfiguredSpeciesCatalog, type SpeciesCatalog } from './modules/preferences/species-catalog.js';
import { RecentOrganizations } from './modules/organization/recent-organizations.js';

export interface UserSubgraphDeps {
  dynamo: DynamoDBDocumentClient;
  tableName: string;
  cache: Cache;
  identityVerifier: IdentityVerifier;
  logger: Logger;
  metrics: Metrics;
  sessionTtlSeconds?: number;
  invitationTtlSeconds?: number;
  signInThrottle?: SignInThrottleSettings;
  /** Profile field encryption; default: the development key (logged). */
  cipher?: FieldCipher;
  /** Where a preference's defaultSpecies is checked (speciesCatalogFor); default: none, so saving one fails. */
  speciesCatalog?: SpeciesCatalog;
}

const sdl = readSdlFolder(new URL('../../../schema/user/', import.meta.url));

/** Builds and starts the user subgraph; the table must already exist (ensureUserTable). */
export async function startUserSubgraph(deps: UserSubgraphDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  const table = { dynamo: deps.dynamo, tableName: deps.tableName };
  const contextDeps = {
    ...deps,
    table,
    recentOrganizations: new RecentOrganizations(),
    cipher: deps.cipher ?? developmentCipher(deps.logger),
    sessionTtlSeconds: deps.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
    invitationTtlSeconds: deps.invitationTtlSeconds ?? DEFAULT_INVITATION_TTL_SECONDS,
    signInThrottle: deps.signInThrottle ?? DEFAULT_SIGN_IN_THROTTLE,
    speciesCatalog: deps.speciesCatalog ?? unconfiguredSpeciesCatalog,
  };
  // Codegen's resolver types and @apollo/subgraph's map describe the same object differently.
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as GraphQLResolverMap<unknown> });
  return startSubgraphHttpServer<SubgraphContext>(
    {
      name: 'user',
      schema,
      identityVerifier: deps.identityVerifier,
      logger: deps.logger,
      metrics: deps.metrics,
      createContext: (identity, request) => createContext(contextDeps, identity, request),
      isReady: async () => {
        const { Table } = await deps.dynamo.send(new DescribeTableCommand({ TableName: deps.tableName }));
        return Table?.TableStatus === 'ACTIVE';
      },
    },
    listen,
  );
}

/** The animal subgraph's catalog at this URL; without one, saving a defaultSpecies fails, as said here at start. */
export function speciesCatalogFor(animalSubgraphUrl: string | undefined, logger: Logger): SpeciesCatalog {
  if (animalSubgraphUrl) return new AnimalSubgraphSpeciesCatalog(animalSubgraphUrl);
  logger.warn('ANIMAL_SUBGRAPH_URL not set: preferences cannot name a defaultSpecies until it is');
  return unconfiguredSpeciesCatalog;
}

/** The embedded default: a fixed development key, said out loud because it protects nothing. */
export function developmentCipher(logger: Logger): FieldCipher {
  logger.warn('PROFILE_ENCRYPTION_KEYS not set: phone and address are encrypted with a development key derived from a fixed string; set a key ring in production');
  return createFieldCipher(undefined, undefined).cipher;
}
