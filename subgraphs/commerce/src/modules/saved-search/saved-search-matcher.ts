import { sql } from 'drizzle-orm';
import { savedSearchMatched } from '@studbook/contracts/events';
import { appendEvent, type Logger, type PublishedEvent, type TenantDb } from '@studbook/platform';
import { listingsMatching, type NewlyOnTheMarket, type NormalisedSearch } from '../search/listing-matches.js';
import { allSavedSearches, insertMatches } from './saved-search-store.js';

/** No tenant of its own: the lookup of which organisations have saved searches answers ids only. */
const NO_TENANT = '00000000-0000-0000-0000-000000000000';

/**
 * Matches a listing against every organisation's saved searches when it goes on the market (ACTIVE):
 * told by the search projector once the listing's row is projected, so matching sees what
 * searchListings would. Each organisation's searches run under that organisation, with RLS, so a
 * private animal's listing (never searchable) matches nothing. A new match is recorded once per
 * search and listing, with its savedSearch.matched event, which the gateway's savedSearchMatches
 * subscription delivers; a repeated event finds the match recorded and announces nothing.
 */
export class SavedSearchMatcher {
  constructor(private readonly deps: { db: TenantDb; logger: Logger }) {}

  /** For the projector: listing events that put a listing on the market. */
  async onListingProjected(event: PublishedEvent): Promise<void> {
    if (!wentOnTheMarket(event)) return;
    try {
      await this.match([event.aggregateId]);
    } catch (error) {
      this.deps.logger.warn('saved search matching failed', { listingId: event.aggregateId, error: (error as Error).message });
    }
  }

  /**
   * For the projector's catch-up pass: listings it put on the market whose events were missed. Each
   * is matched against the searches saved before it was written, as its event would have been, so
   * an outage costs no buyer a match; one matched already is recorded once and announced once.
   */
  async onListingsCaughtUp(listings: readonly NewlyOnTheMarket[]): Promise<void> {
    try {
      await this.match(
        listings.map((listing) => listing.listingId),
        new Map(listings.map((listing) => [listing.listingId, listing.writtenAt])),
      );
    } catch (error) {
      this.deps.logger.warn('saved search matching of caught-up listings failed', { listings: listings.length, error: (error as Error).message });
    }
  }

  /** Records the new matches of these listings; `writtenAt`, where given, limits a listing to searches saved before then. */
  async match(listingIds: readonly string[], writtenAt?: ReadonlyMap<string, Date>): Promise<number> {
    const tenants = await this.deps.db.run({ tenantId: NO_TENANT, userId: null }, (tx) =>
      tx.execute<{ tenant_id: string }>(sql`select tenant_id from studbook_api_saved_search_tenants()`),
    );
    let matched = 0;
    for (const { tenant_id: tenantId } of tenants.rows) {
      matched += await this.deps.db.run({ tenantId, userId: null }, async (tx) => {
        let count = 0;
        for (const search of await allSavedSearches(tx)) {
          const candidates = writtenAt ? listingIds.filter((id) => !(writtenAt.get(id)! < search.createdAt)) : listingIds;
          const ids = await listingsMatching(tx, search.normalised as NormalisedSearch, candidates);
          if (ids.length === 0) continue;
          for (const match of await insertMatches(tx, search.id, ids)) {
            await appendEvent(tx, savedSearchMatched, { aggregateId: search.id, payload: { savedSearchId: search.id, matchId: match.id, listingId: match.listingId } });
            count++;
          }
        }
        return count;
      });
    }
    return matched;
  }
}

/** A listing created ACTIVE, or one whose status a write changed to ACTIVE (a draft published). */
function wentOnTheMarket(event: PublishedEvent): boolean {
  if (event.payload.status !== 'ACTIVE') return false;
  if (event.eventType === 'listing.created') return true;
  return event.eventType === 'listing.updated' && Array.isArray(event.payload.changed) && event.payload.changed.includes('status');
}
