import { AnimalDirectory, type GeneNameCatalog } from '@studbook/contracts/animal-directory';
import { tenantScopeOf, type Identity, type TenantDb } from '@studbook/platform';
import { createListingLoaders } from './modules/listing/listing-loaders.js';
import { ListingService, type ListingRow } from './modules/listing/listing-service.js';
import { MarketStatsService } from './modules/market-stats/market-stats-service.js';
import { createReviewLoaders } from './modules/review/review-loaders.js';
import { ReviewService } from './modules/review/review-service.js';
import { createSaleLoaders } from './modules/sale/sale-loaders.js';
import { SaleService } from './modules/sale/sale-service.js';
import { SavedSearchService } from './modules/saved-search/saved-search-service.js';
import type { SearchResultCache } from './modules/search/search-cache.js';
import { SearchService } from './modules/search/search-service.js';

/** What every commerce resolver receives; built fresh per request. */
export interface SubgraphContext {
  identity: Identity;
  listings: ListingService;
  sales: SaleService;
  search: SearchService;
  reviews: ReviewService;
  marketStats: MarketStatsService;
  savedSearches: SavedSearchService;
}

/** What the per-request services are built from: the subgraph's long-lived parts. */
export interface ContextDeps {
  db: TenantDb;
  /** The animal subgraph's GraphQL endpoint, asked as the caller. */
  animalSubgraphUrl: string;
  searchCache: SearchResultCache;
  geneCatalog: GeneNameCatalog;
  /** How long a reservation holds a listing until its seller accepts it. */
  reservationHoldSeconds: number;
}

/** The one place a request's loaders and services are made. */
export function createContext(deps: ContextDeps, identity: Identity, request: { identityToken: string }): SubgraphContext {
  const scope = tenantScopeOf(identity);
  // The caller's own token, forwarded: this subgraph cannot sign one and must not see more than they do.
  const animals = new AnimalDirectory(deps.animalSubgraphUrl, request.identityToken);
  const loaders = createListingLoaders({ db: deps.db, scope, animals });
  const listingsByIds = async (ids: readonly string[]) => (await loaders.listingById.loadMany(ids)).map((row) => (row instanceof Error ? null : row));
  const primeListings = (rows: readonly ListingRow[]) => {
    for (const row of rows) loaders.listingById.prime(row.id, row);
  };
  return {
    identity,
    listings: new ListingService({ db: deps.db, identity, scope, loaders, animals }),
    sales: new SaleService({
      db: deps.db,
      identity,
      scope,
      loaders: createSaleLoaders({ db: deps.db, scope }),
      listingById: (id) => loaders.listingById.load(id),
      animals,
      animalById: loaders.animalById,
      holdSeconds: deps.reservationHoldSeconds,
    }),
    reviews: new ReviewService({ db: deps.db, identity, scope, loaders: createReviewLoaders({ db: deps.db, scope }) }),
    marketStats: new MarketStatsService({ db: deps.db, scope, catalog: deps.geneCatalog, identityToken: request.identityToken }),
    savedSearches: new SavedSearchService({ db: deps.db, identity, scope, catalog: deps.geneCatalog, identityToken: request.identityToken }),
    search: new SearchService({
      db: deps.db,
      scope,
      cache: deps.searchCache,
      catalog: deps.geneCatalog,
      identityToken: request.identityToken,
      listingsByIds,
      primeListings,
    }),
  };
}
