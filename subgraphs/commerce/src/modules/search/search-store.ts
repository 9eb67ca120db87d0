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

const unaccented = (query: string) => sql`extensions.unaccent('extensions.unaccent'::regdictionary, ${query})`;
/** The query's words, every one required, accents ignored; and the query as typed, for typos and the rank. */
const wordsOf = (query: string) => sql`websearch_to_tsquery('simple', ${unaccented(query)})`;
const typedOf = (query: string) => sql`lower(${unaccented(query)})`;

/**
 * The listings matching the query, found through their index: by a function that answers the ids of
 * the searchable listings whose words (or typos) match, whose rows are then read by id under the
 * caller's RLS like any other. Under RLS no index can serve `@@` or `<%` (not leakproof), so PostgreSQL
 * would test them on every listing after the policies. Without reference to q, the ids are computed
 * once for the statement (an InitPlan), and read as one bitmap scan of the primary key.
 */
const matchesByIndex = (query: string, match: SearchRequest['match']) =>
  match === 'words'
    ? sql`s.id = any(array(select listing_id from studbook_api_listings_matching_words(${wordsOf(query)})))`
    : sql`s.id = any(array(select listing_id from studbook_api_listings_matching_typos(${typedOf(query)})))`;
/** A few known listings (a saved search's check): read by id, the query tested on each. */
const matchesEach = (match: SearchRequest['match']) => (match === 'words' ? sql`s.document @@ q.ts` : sql`q.text operator(extensions.<%) s.search_text`);

function conditions({ filter: f, query, match, onlyListingIds }: SearchRequest): SQL[] {
  const where: SQL[] = [sql`s.searchable`, sql`(s.expires_at is null or s.expires_at > now())`, sql`(s.held_until is null or s.held_until <= now())`];
  if (onlyListingIds) where.push(sql`s.id = any(${sql.param([...onlyListingIds])}::uuid[])`);
  if (query) where.push(onlyListingIds ? matchesEach(match) : matchesByIndex(query, match));
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

/** The orders of a page; relevance with a query is rankedPage's. */
const ORDER: Record<ListingSort, SQL> = {
  // Without a query every listing is as relevant as the next: newest first.
  RELEVANCE: sql`published_at desc, listing_id desc`,
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
 * The matched rows are read once and hold only what the page, the total and the facets read.
 */
export async function searchListings(tx: Tx, request: SearchRequest): Promise<SearchAnswer> {
  if (request.match === 'typos') await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${TYPO_SIMILARITY}, true)`);
  const query = request.query ?? '';
  const ranked = request.query != null && request.sort === 'RELEVANCE';
  const facetColumns = request.withFacets
    ? sql`, s.species_name, s.sex, s.genes_one || s.genes_two as genes, ${MATURITY} as maturity, width_bucket(s.price, ${sql.param(PRICE_BUCKETS)}::numeric[]) as price_bucket`
    : sql``;
  const result = await tx.execute<{ answer: SearchAnswer }>(sql`
    with q as (select ${wordsOf(query)} as ts, ${typedOf(query)} as text),
    matched as (
      -- A missing date sorts first in a descending order, as 'infinity' does (the ranked page compares rows, which needs a value).
      select s.id as listing_id, coalesce(s.published_at, 'infinity') as published_at, s.price, s.inbreeding, s.expires_at
        ${ranked ? sql`, ts_rank(s.document, q.ts) as text_rank, s.search_text` : sql``} ${facetColumns}
      from listing_search s, q
      where ${sql.join(conditions(request), sql` and `)}
    ),
    ${ranked ? rankedPage(request) : sql`page as (select listing_id from matched order by ${ORDER[request.sort]} limit ${request.first + 1} offset ${request.offset})`},
    summary as (select count(*) as total, min(expires_at) as first_expiry from matched)
    ${request.withFacets ? FACETS : sql``}
    select json_build_object(
      'ids', coalesce((select json_agg(listing_id) from page), '[]'::json),
      'totalCount', (select total from summary),
      -- A cached answer lives until the first of its listings expires or the next held listing comes back.
      'firstExpiry', least((select first_expiry from summary), (select min(held_until) from listing_search where held_until > now())),
      'facets', json_build_object(
        'species', ${facetList('species', request)}, 'sex', ${facetList('sex', request)}, 'genes', ${facetList('genes', request)},
        'maturity', ${facetList('maturity', request)}, 'price', ${facetList('price', request)}
      )
    ) as answer`);
  return result.rows[0].answer;
}

/**
 * The page by relevance, rank desc, published_at desc, listing_id desc, where rank is the text rank
 * plus the word similarity of the query to the row's search text. The similarity costs far more than
 * the text rank (tens of microseconds a row: a third of a second for "albino" among 100,000 listings),
 * and lies between 0 and 1, so it is computed only for the rows that can be on the page: the `wanted`
 * (offset + first + 1) rows of highest text rank (head), then every row whose best possible key, its
 * text rank + 1, is not below the key of the wanted-th best of those (kth). No other row can be on the
 * page: the wanted-th best key overall is at least kth's, and a row's key never exceeds its best possible one.
 * When the words are in the titles (similarity 1) that is the head alone; at worst, every row.
 */
function rankedPage(request: SearchRequest): SQL {
  const wanted = request.offset + request.first + 1;
  return sql`
    head as (
      select listing_id, published_at, text_rank + extensions.word_similarity(q.text, search_text) as rank
      from (select * from matched order by text_rank desc, published_at desc, listing_id desc limit ${wanted}) best, q
    ),
    kth as (select rank, published_at, listing_id from head order by rank desc, published_at desc, listing_id desc offset ${wanted - 1} limit 1),
    contenders as (
      select listing_id, published_at, rank from head
      union
      select m.listing_id, m.published_at, m.text_rank + extensions.word_similarity(q.text, m.search_text)
      from matched m, q, kth
      where (m.text_rank + 1::real, m.published_at, m.listing_id) >= (kth.rank, kth.published_at, kth.listing_id)
    ),
    page as (select listing_id from contenders order by rank desc, published_at desc, listing_id desc limit ${request.first + 1} offset ${request.offset})`;
}

/**
 * Every facet in one pass over the matched rows, one grouping set each. Each row is joined to its
 * genes (one row of nulls when it has none); a gene is counted once per row that has it, anything
 * else once per row (its first gene row). Rows of unknown maturity, and rows with no gene, count in no
 * group of those facets.
 */
const FACETS = sql.raw(`,
    facet as (
      select case when grouping(species_name) = 0 then 'species' when grouping(sex) = 0 then 'sex' when grouping(maturity) = 0 then 'maturity'
               when grouping(price_bucket) = 0 then 'price' else 'genes' end as facet,
             coalesce(species_name, sex, maturity, price_bucket::text, gene) as value,
             case when grouping(gene) = 0 then count(gene) else count(*) filter (where coalesce(nth, 1) = 1) end as n
      from matched left join lateral unnest(genes) with ordinality as g(gene, nth) on true
      group by grouping sets ((species_name), (sex), (maturity), (price_bucket), (gene))
      having coalesce(species_name, sex, maturity, price_bucket::text, gene) is not null
    )`);

// Without facets there is no facet CTE, and the matched rows carry none of the facets' columns.
const facetList = (name: string, request: SearchRequest) =>
  !request.withFacets
    ? sql`'[]'::json`
    : sql`coalesce((select json_agg(json_build_object('value', value, 'count', n) order by n desc, value) from facet where facet = ${name}), '[]'::json)`;
