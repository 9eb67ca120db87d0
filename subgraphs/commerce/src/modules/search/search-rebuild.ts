import pg from 'pg';
import * as commerceSchema from '@studbook/drizzle/commerce';
import { MemoryEventBus, TenantDb, type Cache, type Logger, type Metrics } from '@studbook/platform';
import { SearchGeneration } from './search-cache.js';
import { SearchProjector } from './search-projector.js';

export interface SearchRebuildDeps {
  /** A superuser (or owner) URL of the commerce database: only it may empty the projection at once. */
  adminUrl: string;
  /** The service role's pool: every row is projected again under its own tenant, with RLS. */
  pool: pg.Pool;
  /** The platform cache, so cached results of every instance go stale when the rebuild ends. */
  cache: Cache;
  logger: Logger;
  metrics: Metrics;
}

/**
 * Rebuilds listing_search from nothing: empties it, then projects every listing again (the
 * projector's catch-up pass, which finds every row missing). Search answers from the listings
 * already projected while it runs; returns how many listings it projected.
 */
export async function rebuildSearchProjection(deps: SearchRebuildDeps): Promise<number> {
  const admin = new pg.Client({ connectionString: deps.adminUrl });
  await admin.connect();
  try {
    await admin.query('truncate listing_search');
  } finally {
    await admin.end();
  }
  const projector = new SearchProjector({
    db: new TenantDb(deps.pool, commerceSchema),
    bus: new MemoryEventBus(deps.logger),
    generation: new SearchGeneration(deps.cache),
    logger: deps.logger,
    metrics: deps.metrics,
  });
  return projector.catchUp({ everything: true });
}
