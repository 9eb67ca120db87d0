import { AnimalDirectory } from '@studbook/contracts/animal-directory';
import { tenantScopeOf, type Identity, type TenantDb } from '@studbook/platform';
import { createListingLoaders } from './modules/listing/listing-loaders.js';
import { ListingService } from './modules/listing/listing-service.js';

/** What every commerce resolver receives; built fresh per request. */
export interface SubgraphContext {
  identity: Identity;
  listings: ListingService;
}

/** What the per-request services are built from: the subgraph's long-lived parts. */
export interface ContextDeps {
  db: TenantDb;
  /** The animal subgraph's GraphQL endpoint, asked as the caller. */
  animalSubgraphUrl: string;
}

/** The one place a request's loaders and services are made. */
export function createContext(deps: ContextDeps, identity: Identity, request: { identityToken: string }): SubgraphContext {
  const scope = tenantScopeOf(identity);
  // The caller's own token, forwarded: this subgraph cannot sign one and must not see more than they do.
  const animals = new AnimalDirectory(deps.animalSubgraphUrl, request.identityToken);
  const loaders = createListingLoaders({ db: deps.db, scope, animals });
  return { identity, listings: new ListingService({ db: deps.db, identity, scope, loaders }) };
}
