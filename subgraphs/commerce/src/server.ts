import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type pg from 'pg';
import * as commerceSchema from '@studbook/drizzle/commerce';
import {
  assertRlsBoundRole,
  poolAnswers,
  readSdlFolder,
  startSubgraphHttpServer,
  TenantDb,
  type Cache,
  type EventBus,
  type EventStream,
  type IdentityVerifier,
  type Logger,
  type Metrics,
  type RunningServer,
} from '@studbook/platform';
import { GeneNameCatalog } from '@studbook/contracts/animal-directory';
import { createContext, type SubgraphContext } from './context.js';
import { MarketStatsRefresher } from './modules/market-stats/market-stats-refresher.js';
import { refreshMarketListings } from './modules/market-stats/market-stats-store.js';
import { ListingAnimalEvents } from './modules/listing/animal-events.js';
import { holdSecondsOf } from './modules/sale/sale-input.js';
import { SaleTransferOutcomes } from './modules/sale/transfer-outcomes.js';
import { SavedSearchMatcher } from './modules/saved-search/saved-search-matcher.js';
import { SearchGeneration, SearchResultCache } from './modules/search/search-cache.js';
import { SearchProjector } from './modules/search/search-projector.js';
import { resolvers } from './__generated__/resolvers.js';

export interface CommerceSubgraphDeps {
  /** Pool connected as the RLS-bound service role. */
  pool: pg.Pool;
  /**
   * The same role's pool for work no request asked for (the search projector, listings following
   * their animals); default: `pool`. Apart, so request statement counts show requests only.
   */
  backgroundPool?: pg.Pool;
  identityVerifier: IdentityVerifier;
  logger: Logger;
  metrics: Metrics;
  /** The animal subgraph's GraphQL endpoint, asked as the caller before a listing is written. */
  animalSubgraphUrl: string;
  /** The platform cache (Redis, or in-process): search results and the generation that invalidates them on every instance. */
  cache: Cache;
  /** Where animal and listing events arrive (the outbox relays publish them): listings follow their animals, search follows listings. */
  events: EventBus;
  /** How often the search projector looks for rows it missed; default 5 s. */
  searchCatchUpIntervalMs?: number;
  /**
   * Where the animal subgraph's answers to a completed sale arrive (animal.transferred,
   * animal.transferFailed), read at least once by the commerce-sales group. Without it a sale
   * stays TRANSFER_PENDING (a standalone commerce without Redis hears no other process).
   */
  eventStream?: EventStream;
  /** This instance's name in the consumer group; stable across restarts. Default: host name. */
  consumerName?: string;
  /** How long a reservation holds a listing until its seller accepts it; default 48 hours. */
  reservationHours?: number;
}

const typeDefs = parse(readSdlFolder(new URL('../../../schema/commerce/', import.meta.url)));

export async function startCommerceSubgraph(deps: CommerceSubgraphDeps, listen: { port: number; host?: string }): Promise<RunningServer> {
  await assertRlsBoundRole(deps.pool);
  const db = new TenantDb(deps.pool, commerceSchema);
  const background = deps.backgroundPool ? new TenantDb(deps.backgroundPool, commerceSchema) : db;
  const generation = new SearchGeneration(deps.cache);
  const contextDeps = {
    db,
    animalSubgraphUrl: deps.animalSubgraphUrl,
    searchCache: new SearchResultCache(deps.cache, generation),
    geneCatalog: new GeneNameCatalog(deps.animalSubgraphUrl),
    reservationHoldSeconds: holdSecondsOf(deps.reservationHours ?? 48),
  };
  const animalEvents = new ListingAnimalEvents({ db: background, bus: deps.events, logger: deps.logger.child('animal-events') });
  const savedSearchMatcher = new SavedSearchMatcher({ db: background, logger: deps.logger.child('saved-search') });
  const projector = new SearchProjector({
    db: background,
    bus: deps.events,
    generation,
    logger: deps.logger.child('search'),
    metrics: deps.metrics,
    catchUpIntervalMs: deps.searchCatchUpIntervalMs,
    onProjected: (event) => savedSearchMatcher.onListingProjected(event),
    onCaughtUp: (listings) => savedSearchMatcher.onListingsCaughtUp(listings),
  });
  const marketStats = new MarketStatsRefresher({
    bus: deps.events,
    refreshOnce: () => refreshMarketListings(deps.backgroundPool ?? deps.pool),
    logger: deps.logger.child('market-stats'),
  });
  await Promise.all([animalEvents.start(), projector.start(), marketStats.start()]);
  const transferOutcomes = deps.eventStream
    ? new SaleTransferOutcomes({ db: background, stream: deps.eventStream, logger: deps.logger.child('sales'), consumerName: deps.consumerName })
    : undefined;
  transferOutcomes?.start();
  // Codegen's resolver types and @apollo/subgraph's map describe the same object differently.
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
  const server = await startSubgraphHttpServer<SubgraphContext>(
    {
      name: 'commerce',
      schema,
      identityVerifier: deps.identityVerifier,
      createContext: (identity, request) => createContext(contextDeps, identity, request),
      logger: deps.logger,
      metrics: deps.metrics,
      isReady: () => poolAnswers(deps.pool),
    },
    listen,
  );
  return {
    ...server,
    async stop() {
      await server.stop();
      await Promise.all([animalEvents.stop(), projector.stop(), marketStats.stop(), transferOutcomes?.stop()]);
    },
  };
}
