import type { GeneNameCatalog } from '@studbook/contracts/animal-directory';
import { badInput, type TenantDb, type TenantScope } from '@studbook/platform';
import type { ListingRow } from '../listing/listing-service.js';
import type { SearchResultCache } from './search-cache.js';
import { normalisedQuery, normaliseFilter, offsetCursor, parseOffsetCursor, validSearchFirst, type ListingFilterInput, type ListingSort, SORTS } from './search-input.js';
import { PRICE_BUCKETS, searchListings, type SearchAnswer, type SearchRequest } from './search-store.js';

export interface SearchArgs {
  query?: string | null;
  filter?: ListingFilterInput | null;
  sort?: string | null;
  first?: number | null;
  after?: string | null;
}

export interface SearchOptions {
  /** Whether the client selected facets. */
  withFacets: boolean;
}

export interface SearchServiceDeps {
  db: TenantDb;
  /** The caller's tenant; null (anonymous or a service) finds nothing, as `listings` shows nothing. */
  scope: TenantScope | null;
  cache: SearchResultCache;
  catalog: GeneNameCatalog;
  /** The caller's own gateway token: the catalog is asked as them. */
  identityToken: string;
  /** Loads the listings of a page in one statement. */
  listingsByIds: (ids: readonly string[]) => Promise<(ListingRow | null)[]>;
  /** Hands cached listings to the request's loaders, so resolving them asks the database nothing. */
  primeListings: (rows: readonly ListingRow[]) => void;
}

/** What is cached per request: the answer and its page's listings, so a hit costs no SQL at all. */
interface CachedSearch {
  answer: SearchAnswer;
  rows: ListingRow[];
}

/** A listing row's instants, which JSON turns into strings. */
const LISTING_INSTANTS = ['createdAt', 'updatedAt', 'expiresAt', 'publishedAt'] as const;

function revived(row: ListingRow): ListingRow {
  const copy = { ...row };
  for (const field of LISTING_INSTANTS) if (copy[field] != null) (copy as Record<string, unknown>)[field] = new Date(copy[field] as unknown as string);
  return copy;
}

const EMPTY: SearchAnswer = { ids: [], totalCount: 0, facets: { species: [], sex: [], genes: [], maturity: [], price: [] }, firstExpiry: null };

/** Marketplace search over the projection, for one request; results are cached across instances. */
export class SearchService {
  constructor(private readonly deps: SearchServiceDeps) {}

  async search(args: SearchArgs, { withFacets }: SearchOptions) {
    const query = normalisedQuery(args.query);
    const first = validSearchFirst(args.first);
    const offset = parseOffsetCursor(args.after);
    const sort = (args.sort ?? (query ? 'RELEVANCE' : 'NEWEST')) as ListingSort;
    if (!SORTS.includes(sort)) throw badInput('Unknown sort', 'sort');
    // Without an organisation nothing is found (as `listings` shows nothing), so the catalog is not asked.
    const { answer, rows } = this.deps.scope
      ? await this.answer(
          { query, filter: normaliseFilter(args.filter, await this.deps.catalog.species(this.deps.identityToken)), sort, first, offset, withFacets },
          this.deps.scope,
        )
      : { answer: EMPTY, rows: [] };
    const edges = rows.map((node, i) => ({ node, cursor: offsetCursor(offset + i + 1) }));
    return {
      edges,
      totalCount: answer.totalCount,
      pageInfo: { hasNextPage: answer.ids.length > first, endCursor: offsetCursor(offset + Math.min(first, answer.ids.length)) },
      facets: {
        species: answer.facets.species,
        sex: answer.facets.sex,
        genes: answer.facets.genes,
        maturity: answer.facets.maturity,
        priceBuckets: answer.facets.price.map(({ value, count }) => ({ min: PRICE_BUCKETS[Number(value) - 1] ?? 0, max: PRICE_BUCKETS[Number(value)] ?? null, count })),
      },
    };
  }

  /**
   * From the cache, if computed at the current generation (one round trip), else one search
   * statement (two when the query's words match nothing and typos are tried) and one reading the
   * page's listings, then cached with them. Every searchable row is a PUBLIC listing, which every
   * organisation reads alike, so one entry serves every caller.
   */
  private async answer(request: Omit<SearchRequest, 'match'>, scope: TenantScope): Promise<CachedSearch> {
    const { cache } = this.deps;
    const key = cache.keyOf(request);
    const { value: cached, generation } = await cache.lookup<CachedSearch>(key);
    if (cached) {
      const rows = cached.rows.map(revived);
      this.deps.primeListings(rows);
      return { answer: cached.answer, rows };
    }
    // One transaction: a typo search sets its similarity threshold for the statement after (TenantDb.read would lose it).
    const answer = await this.deps.db.run(scope, async (tx) => {
      const byWords = await searchListings(tx, { ...request, match: 'words' });
      return byWords.totalCount > 0 || !request.query ? byWords : searchListings(tx, { ...request, match: 'typos' });
    });
    const rows = (await this.deps.listingsByIds(answer.ids.slice(0, request.first))).filter((row): row is ListingRow => row !== null);
    await cache.set(key, generation, { answer, rows } satisfies CachedSearch, answer.totalCount, answer.firstExpiry ? new Date(answer.firstExpiry) : null);
    return { answer, rows };
  }
}
