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
}

const EMPTY: SearchAnswer = { ids: [], totalCount: 0, facets: { species: [], sex: [], genes: [], price: [] }, firstExpiry: null };

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
    const answer = this.deps.scope
      ? await this.answer(
          { query, filter: normaliseFilter(args.filter, await this.deps.catalog.species(this.deps.identityToken)), sort, first, offset, withFacets },
          this.deps.scope,
        )
      : EMPTY;
    const rows = (await this.deps.listingsByIds(answer.ids.slice(0, first))).filter((row): row is ListingRow => row !== null);
    const edges = rows.map((node, i) => ({ node, cursor: offsetCursor(offset + i + 1) }));
    return {
      edges,
      totalCount: answer.totalCount,
      pageInfo: { hasNextPage: answer.ids.length > first, endCursor: offsetCursor(offset + Math.min(first, answer.ids.length)) },
      facets: {
        species: answer.facets.species,
        sex: answer.facets.sex,
        genes: answer.facets.genes,
        priceBuckets: answer.facets.price.map(({ value, count }) => ({ min: PRICE_BUCKETS[Number(value) - 1] ?? 0, max: PRICE_BUCKETS[Number(value)] ?? null, count })),
      },
    };
  }

  /**
   * From the cache under the current generation, else one search statement (two when the query's
   * words match nothing and typos are tried), then cached.
   */
  private async answer(request: Omit<SearchRequest, 'match'>, scope: TenantScope): Promise<SearchAnswer> {
    const { cache } = this.deps;
    const key = cache.keyOf(await cache.generation.current(), request);
    const cached = await cache.get<SearchAnswer>(key);
    if (cached) return cached;
    const answer = await this.deps.db.run(scope, async (tx) => {
      const byWords = await searchListings(tx, { ...request, match: 'words' });
      return byWords.totalCount > 0 || !request.query ? byWords : searchListings(tx, { ...request, match: 'typos' });
    });
    await cache.set(key, answer, answer.totalCount, answer.firstExpiry ? new Date(answer.firstExpiry) : null);
    return answer;
  }
}
