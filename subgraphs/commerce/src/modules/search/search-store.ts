import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@studbook/platform';
import type { GeneCondition, ListingSort, NormalisedFilter } from './search-input.js';

/** Upper bounds of the price buckets (in the listing's own currency); the last bucket is open. */
export const PRICE_BUCKETS = [100, 250, 500, 1000, 2500, 5000, 10000];
/** Word similarity a typo must reach: "pastle clwn" against "pastel clown" is 0.4. */
const TYPO_SIMILARITY = '0.35';

export interface SearchRequest {
  query: string | null;
  filter: NormalisedFilter;
  sort: ListingSort;
  first: number;
  offset: number;
  /** Facets are counted only when selected: a client that shows none does not pay for them. */
  withFacets: boolean;
  /**
   * How the query matches: 'words' by full text (every word, accents ignored); 'typos' by trigram
   * word similarity, for a query whose words match nothing ("pastle clwn"). Typos are a fallback
   * because at this threshold a correct word matches too much: "pastel" alone passes it against
   * every listing that mentions Pastel, which buries the exact matches and costs a recheck per row.
   */
  match: 'words' | 'typos';
  /** Only among these listings (a saved search's check of listings that just went on the market). */
  onlyListingIds?: readonly string[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchAnswer {
  /** first + 1 ids at most, in order: one more than asked tells that another page follows. */
  ids: string[];
  totalCount: number;
  facets: { species: FacetCount[]; sex: FacetCount[]; genes: FacetCount[]; maturity: FacetCount[]; price: FacetCount[] };
  firstExpiry: string | null;
}

const shows = (g: GeneCondition) =>
  sql`((s.species_name = any(${sql.param(g.recessiveIn)}::text[]) and ${g.name} = any(s.genes_two))
    or (s.species_name = any(${sql.param(g.dominantIn)}::text[]) and ${g.name} = any(s.genes_one || s.genes_two)))`;
const carries = (g: GeneCondition) => sql`(s.species_name = any(${sql.param(g.recessiveIn)}::text[]) and ${g.name} = any(s.genes_one))`;
/**
 * The animal's life stage today (UTC) from the boundaries the projection holds: maturity changes
 * with the calendar, with no event, so it is computed at read time as the animal subgraph does.
 */
const MATURITY = sql.raw(`case
    when s.adult_from <= (now() at time zone 'UTC')::date then 'ADULT'
    when s.subadult_from <= (now() at time zone 'UTC')::date then 'SUBADULT'
    when s.juvenile_from <= (now() at time zone 'UTC')::date then 'JUVENILE'
    when s.juvenile_from is not null then 'HATCHLING' end`);
const excludes = (g: GeneCondition) => sql`not (${g.name} = any(s.genes_one || s.genes_two))`;

function conditions({ filter: f, query, match, onlyListingIds }: SearchRequest): SQL[] {
  const where: SQL[] = [sql`s.searchable`, sql`(s.expires_at is null or s.expires_at > now())`, sql`(s.held_until is null or s.held_until <= now())`];
  if (onlyListingIds) where.push(sql`s.id = any(${sql.param([...onlyListingIds])}::uuid[])`);
  if (query) where.push(match === 'words' ? sql`s.document @@ q.ts` : sql`q.text operator(extensions.<%) s.search_text`);
  if (f.species.length) where.push(sql`s.species_name = any(${sql.param(f.species)}::text[])`);
  if (f.sex.length) where.push(sql`s.sex = any(${sql.param(f.sex)}::text[])`);
  for (const g of f.shows) where.push(shows(g));
  for (const g of f.carries) where.push(carries(g));
  for (const g of f.excludes) where.push(excludes(g));
  if (f.minPrice != null) where.push(sql`s.price >= ${f.minPrice}`);
  if (f.maxPrice != null) where.push(sql`s.price <= ${f.maxPrice}`);
  if (f.currency) where.push(sql`s.currency = ${f.currency}`);
  if (f.seller) where.push(sql`s.tenant_id = ${f.seller}::uuid`);
  if (f.sellerCountry) where.push(sql`s.seller_country = ${f.sellerCountry}`);
  if (f.shipsTo) where.push(sql`${f.shipsTo} = any(s.ships_to)`);
  // Unknown F or completeness cannot be shown to meet a bound, so it does not.
  if (f.maxInbreeding != null) where.push(sql`s.inbreeding <= ${f.maxInbreeding}`);
  if (f.minCompleteness != null) where.push(sql`s.completeness >= ${f.minCompleteness}`);
  // Unknown maturity (no hatch date) meets no maturity asked for.
  if (f.maturity.length) where.push(sql`${MATURITY} = any(${sql.param(f.maturity)}::text[])`);
  return where;
}

const ORDER: Record<ListingSort, SQL> = {
  RELEVANCE: sql`rank desc, published_at desc, listing_id desc`,
  NEWEST: sql`published_at desc, listing_id desc`,
  PRICE_ASC: sql`price asc, listing_id asc`,
  PRICE_DESC: sql`price desc, listing_id desc`,
  INBREEDING_ASC: sql`inbreeding asc nulls last, listing_id asc`,
};

/**
 * One statement for the page, the total and every facet, over the rows RLS shows the caller (public
 * rows and their own): the number of statements a search costs does not depend on `first`.
 * Relevance is ts_rank over the weighted document (title and name A, genes and species B,
 * description C) plus the word similarity of the query to the title, name, genes and species, so a
 * gene named exactly outranks a mention in the description; a typo is found by the 'typos' match.
 */
export async function searchListings(tx: Tx, request: SearchRequest): Promise<SearchAnswer> {
  if (request.match === 'typos') await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${TYPO_SIMILARITY}, true)`);
  const query = request.query ?? '';
  const rank = request.query ? sql`ts_rank(s.document, q.ts) + extensions.word_similarity(q.text, s.search_text)` : sql`0`;
  const result = await tx.execute<{ answer: SearchAnswer }>(sql`
    with q as (
      select websearch_to_tsquery('simple', extensions.unaccent('extensions.unaccent'::regdictionary, ${query})) as ts,
             lower(extensions.unaccent('extensions.unaccent'::regdictionary, ${query})) as text
    ),
    matched as (
      select s.id as listing_id, s.published_at, s.price, s.inbreeding, s.species_name, s.sex, s.genes_one, s.genes_two, s.expires_at, ${MATURITY} as maturity, ${rank} as rank
      from listing_search s, q
      where ${sql.join(conditions(request), sql` and `)}
    ),
    page as (select listing_id from matched order by ${ORDER[request.sort]} limit ${request.first + 1} offset ${request.offset}),
    facet as (
      select 'species' as facet, species_name as value, count(*) as n from matched group by species_name
      union all select 'sex', sex, count(*) from matched group by sex
      union all select 'genes', gene, count(*) from matched, unnest(genes_one || genes_two) as gene group by gene
      union all select 'maturity', maturity, count(*) from matched where maturity is not null group by maturity
      union all select 'price', width_bucket(price, ${sql.param(PRICE_BUCKETS)}::numeric[])::text, count(*) from matched group by 2
    )
    select json_build_object(
      'ids', coalesce((select json_agg(listing_id) from page), '[]'::json),
      'totalCount', (select count(*) from matched),
      -- A cached answer lives until the first of its listings expires or the next held listing comes back.
      'firstExpiry', least((select min(expires_at) from matched), (select min(held_until) from listing_search where held_until > now())),
      'facets', json_build_object(
        'species', ${facetList('species', request)}, 'sex', ${facetList('sex', request)}, 'genes', ${facetList('genes', request)},
        'maturity', ${facetList('maturity', request)}, 'price', ${facetList('price', request)}
      )
    ) as answer`);
  return result.rows[0].answer;
}

// Without facets the facet CTE is never referenced, so PostgreSQL never computes it.
const facetList = (name: string, request: SearchRequest) =>
  !request.withFacets
    ? sql`'[]'::json`
    : sql`coalesce((select json_agg(json_build_object('value', value, 'count', n) order by n desc, value) from facet where facet = ${name}), '[]'::json)`;
