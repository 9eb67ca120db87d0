import { sql } from 'drizzle-orm';
import { everyAggregateTopic, type EventBus, type Logger, type Metrics, type PublishedEvent, type TenantDb } from '@studbook/platform';
import type { NewlyOnTheMarket } from './listing-matches.js';
import { projectListings, projectListingsNewlyOnTheMarket } from './projection-store.js';
import type { SearchGeneration } from './search-cache.js';

export interface SearchProjectorDeps {
  db: TenantDb;
  bus: EventBus;
  generation: SearchGeneration;
  logger: Logger;
  metrics: Metrics;
  /** How often stale rows are looked for, whatever the bus delivered: the at-least-once safety net. */
  catchUpIntervalMs?: number;
  /** Told of each listing event once its row is projected (saved searches match against the projection). */
  onProjected?: (event: PublishedEvent) => Promise<void>;
  /**
   * Told of the listings a catch-up pass put on the market in the projection, once committed: their
   * events were missed (or their live projection failed), so onProjected never heard of them.
   */
  onCaughtUp?: (listings: NewlyOnTheMarket[]) => Promise<void>;
}

const CATCH_UP_BATCH = 500;
/** A periodic pass rescans this far behind its previous start: a transaction stamps updated_at when it starts, not when it commits. */
const COMMIT_MARGIN_MS = 60_000;

/**
 * Keeps listing_search in step with listings. Each listing event re-projects its listing (under the
 * event's tenant, with RLS) and bumps the search generation, so every instance's cached results are
 * stale from then on. Pub/sub loses what is published while a consumer is away, so a catch-up pass
 * (at start, on every bus reconnect and every few seconds) re-projects the listings whose row is
 * missing or behind; without a bus that pass alone keeps the projection current.
 */
export class SearchProjector {
  private unsubscribe?: () => Promise<void>;
  private stopReconnect?: () => void;
  private timer?: NodeJS.Timeout;
  private catchingUp?: Promise<number>;
  private stopped = false;
  /** Where the next periodic pass starts looking; null: look at every listing. */
  private scannedFrom: Date | null = null;

  constructor(private readonly deps: SearchProjectorDeps) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.deps.bus.subscribe(everyAggregateTopic('listing'), (event) => void this.apply(event));
    this.stopReconnect = this.deps.bus.onReconnected(() => void this.catchUp({ everything: true }));
    this.timer = setInterval(() => void this.catchUp(), this.deps.catchUpIntervalMs ?? 5_000);
    this.timer.unref();
    await this.catchUp({ everything: true });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.stopReconnect?.();
    await this.unsubscribe?.();
    await this.catchingUp;
  }

  private async apply(event: PublishedEvent): Promise<void> {
    try {
      await this.deps.db.run({ tenantId: event.tenantId, userId: null }, (tx) => projectListings(tx, [event.aggregateId]));
      await this.deps.generation.bump();
      await this.deps.onProjected?.(event);
      const lagSeconds = Math.max(0, (Date.now() - Date.parse(event.occurredAt)) / 1000);
      this.deps.metrics.increment('studbook_search_projection_events_total', 'Listing events applied to the search projection');
      this.deps.metrics.increment(
        'studbook_search_projection_lag_seconds_total',
        'Seconds from a listing event to its search row, summed (divide by events_total)',
        {},
        lagSeconds,
      );
      // The same lag as a distribution, for its percentiles (histogram_quantile(0.99, ...)).
      this.deps.metrics.observe('studbook_search_projection_lag_seconds', 'Seconds from a listing event to its search row', {}, lagSeconds);
    } catch (error) {
      // The catch-up pass finds the row behind and projects it.
      this.deps.logger.warn('search projection of a listing event failed', { listingId: event.aggregateId, error: (error as Error).message });
    }
  }

  /**
   * Re-projects the listings whose search row is missing or behind, in batches; returns how many.
   * A periodic pass looks only at listings written since shortly before the previous pass began;
   * `everything` (start, reconnect, rebuild) looks at them all.
   */
  catchUp({ everything = false } = {}): Promise<number> {
    this.catchingUp ??= (async () => {
      let projected = 0;
      const since = everything || !this.scannedFrom ? new Date(0) : this.scannedFrom;
      const startedAt = Date.now();
      try {
        while (!this.stopped) {
          const stale = await this.staleListings(since);
          if (stale.length === 0) break;
          const byTenant = new Map<string, string[]>();
          for (const row of stale) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row.listing_id]);
          for (const [tenantId, ids] of byTenant) await this.projectCaughtUp(tenantId, ids);
          projected += stale.length;
          if (stale.length < CATCH_UP_BATCH) break;
        }
        this.scannedFrom = new Date(startedAt - COMMIT_MARGIN_MS);
        if (projected > 0) {
          await this.deps.generation.bump();
          this.deps.metrics.increment('studbook_search_projection_caught_up_total', 'Listings re-projected by the catch-up pass', {}, projected);
        }
      } catch (error) {
        this.deps.logger.warn('search projection catch-up failed, retrying at the next pass', { error: (error as Error).message });
      } finally {
        this.catchingUp = undefined;
      }
      return projected;
    })();
    return this.catchingUp;
  }

  private async projectCaughtUp(tenantId: string, ids: string[]): Promise<void> {
    const { onCaughtUp } = this.deps;
    if (!onCaughtUp) {
      await this.deps.db.run({ tenantId, userId: null }, (tx) => projectListings(tx, ids));
      return;
    }
    const newlyOnTheMarket = await this.deps.db.run({ tenantId, userId: null }, (tx) => projectListingsNewlyOnTheMarket(tx, ids));
    if (newlyOnTheMarket.length > 0) await onCaughtUp(newlyOnTheMarket);
  }

  private async staleListings(since: Date): Promise<{ listing_id: string; tenant_id: string }[]> {
    // No tenant of its own: the function answers ids and tenants only, across organisations.
    const result = await this.deps.db.run({ tenantId: '00000000-0000-0000-0000-000000000000', userId: null }, (tx) =>
      tx.execute<{ listing_id: string; tenant_id: string }>(
        sql`select listing_id, tenant_id from studbook_api_stale_search_listings(${CATCH_UP_BATCH}, ${since.toISOString()}::timestamptz)`,
      ),
    );
    return result.rows;
  }
}
