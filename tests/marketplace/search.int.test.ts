import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminUrlFor } from '@studbook/drizzle/migrate';
import { createCache, createLogger, createPgPool, Metrics } from '@studbook/platform';
import { rebuildSearchProjection } from '@studbook/commerce/src/modules/search/search-rebuild.js';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';
import type { ListingFilter, ListingSort } from '../__generated__/graphql.js';

const SEARCH = graphql(`
  query MarketSearch($query: String, $filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {
    searchListings(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      edges { node { id title price status animal { id name genotype { notation } inbreedingCoefficient pedigree(generations: 5) { completeness } } } }
      pageInfo { hasNextPage endCursor }
      facets { species { value count } sex { value count } genes { value count } priceBuckets { min max count } }
    }
  }
`);
const CREATE = graphql(`mutation MarketCreateListing($input: CreateListingInput!) { createListing(input: $input) { id status title } }`);
const UPDATE = graphql(`mutation MarketUpdateListing($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id price } }`);
const PUBLISH = graphql(`mutation MarketPublishListing($id: ID!) { publishListing(id: $id) { id status } }`);
const LISTING = graphql(`query MarketListing($id: ID!) { listing(id: $id) { id status } }`);
const WITHDRAW = graphql(`mutation MarketWithdrawListing($id: ID!) { withdrawListing(id: $id) { id status } }`);
const SET_GENOTYPE = graphql(`mutation MarketSetGenotype($id: ID!, $genotype: String!) { setGenotype(animalId: $id, genotype: $genotype) { id } }`);
const MAKE_PRIVATE = graphql(`mutation MarketMakePrivate($id: ID!) { updateAnimal(id: $id, input: { visibility: PRIVATE }) { id } }`);

let seller: Member;
let buyer: Member;

/** A public animal of the seller with this genotype, listed with these fields; the listing's id. */
async function listed(
  name: string,
  genotype: string | null,
  input: { title?: string; description?: string; price?: number; status?: 'ACTIVE' | 'DRAFT' } = {},
  owner = seller,
) {
  const animal = await createAnimal(owner, { name, sex: 'MALE', visibility: 'PUBLIC', hatchDate: '2023-05-01' });
  if (genotype) await gqlData(SET_GENOTYPE, { id: animal.id, genotype }, owner.token);
  const { createListing } = await gqlData(CREATE, { input: { animalId: animal.id, price: input.price ?? 300, currency: 'EUR', ...input } }, owner.token);
  return { listingId: createListing.id, animalId: animal.id };
}

const search = (variables: { query?: string; filter?: ListingFilter; sort?: ListingSort; first?: number; after?: string }, member = buyer) =>
  gqlData(SEARCH, { ...variables, filter: { seller: seller.organizationId, ...variables.filter } }, member.token).then((data) => data.searchListings);

/** Polls until `check` holds; fails after `ms`. */
async function within(ms: number, check: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let clown: { listingId: string; animalId: string };
let mention: { listingId: string; animalId: string };
let pastelClown: { listingId: string; animalId: string };
let hidden: { listingId: string; animalId: string };

beforeAll(async () => {
  [seller, buyer] = await Promise.all([newOrganization('Search seller'), newOrganization('Search buyer')]);
  clown = await listed('Bozo', 'Clown', { title: 'Ball python male', price: 450 });
  mention = await listed('Rex', null, { title: 'Ball python male', description: 'Normal, from the same clutch as a clown', price: 120 });
  pastelClown = await listed('Jester', 'Pastel Clown', { title: 'Lovely Pastel Clown', price: 1200 });
  hidden = await listed('Ghost', 'Pastel', { title: 'Pastel Clown lookalike', price: 80 });
  await gqlData(MAKE_PRIVATE, { id: hidden.animalId }, seller.token);
  await within(3_000, async () => (await search({})).totalCount === 3);
});

describe('searchListings', () => {
  it('ranks an exact gene match above a mention in the description', async () => {
    const result = await search({ query: 'clown' });
    const ids = result.edges.map((edge) => edge.node.id);
    expect(ids).toContain(mention.listingId);
    expect(ids.indexOf(clown.listingId)).toBeLessThan(ids.indexOf(mention.listingId));
  });

  it('orders every page by relevance exactly as the rank computed over every match', async () => {
    // Zed's and Zoe's titles name both words apart: a higher text rank than Yuki's genes (0.76 against
    // 0.40), a lower rank once the word similarity is added (0.54 against 1), so the page after
    // Wanda's is Yuki's, not that of the next best text rank. (The similarity is computed only for
    // the rows that can be on a page.)
    const ranker = await newOrganization('Search ranker');
    await listed('Wanda', null, { title: 'Pastel Clown' }, ranker);
    await listed('Zed', null, { title: 'Pastel male, from a proven line of clown' }, ranker);
    await listed('Zoe', null, { title: 'Pastel female, from a proven line of clown' }, ranker);
    await listed('Yuki', 'Pastel Clown', { title: 'Ball python' }, ranker);
    await listed('Xena', null, { title: 'Pastel', description: 'From a clown clutch' }, ranker);
    const filter = { seller: ranker.organizationId };
    await within(3_000, async () => (await search({ filter })).totalCount === 5);
    const expected = await asAdmin<{ id: string }>(
      'commerce',
      `select s.id from listing_search s, websearch_to_tsquery('simple', 'pastel clown') as q
       where s.tenant_id = $1 and s.searchable and s.document @@ q
       order by ts_rank(s.document, q) + extensions.word_similarity('pastel clown', s.search_text) desc, s.published_at desc, s.id desc`,
      [ranker.organizationId],
    );
    expect(expected).toHaveLength(5);
    for (const first of [1, 2]) {
      const ids: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 10; page++) {
        const result = await search({ query: 'pastel clown', filter, first, after });
        ids.push(...result.edges.map((edge) => edge.node.id));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor ?? undefined;
      }
      expect(ids).toEqual(expected.map((row) => row.id));
    }
  });

  it('finds Pastel Clown with typos and shows the animal through the federation', async () => {
    const result = await search({ query: 'pastle clwn' });
    expect(result.edges[0].node).toMatchObject({ id: pastelClown.listingId, animal: { name: 'Jester', genotype: { notation: 'Pastel Clown' } } });
    expect(result.edges[0].node.animal?.pedigree.completeness).toBe(0);
  });

  it('counts facets exactly as a brute-force count over the same filter', async () => {
    const result = await search({ filter: { seller: seller.organizationId } });
    const genes = new Map<string, number>();
    for (const edge of result.edges) {
      const notation = edge.node.animal?.genotype?.notation ?? '';
      for (const gene of notation.split(' ').filter((word) => word && word !== 'Normal')) genes.set(gene, (genes.get(gene) ?? 0) + 1);
    }
    expect(result.totalCount).toBe(result.edges.length);
    expect(Object.fromEntries(result.facets.genes.map((facet) => [facet.value, facet.count]))).toEqual(Object.fromEntries(genes));
    expect(result.facets.species).toEqual([{ value: 'Ball python', count: 3 }]);
    expect(result.facets.sex).toEqual([{ value: 'MALE', count: 3 }]);
    expect(result.facets.priceBuckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(3);
  });

  it('filters by genes shown, carried and excluded, by catalog name or alias', async () => {
    const shows = await search({ filter: { showsGenes: ['Pastel'] } });
    expect(shows.edges.map((edge) => edge.node.id)).toEqual([pastelClown.listingId]);
    const excludes = await search({ filter: { excludesGenes: ['clown'] } });
    expect(excludes.edges.map((edge) => edge.node.id)).toEqual([mention.listingId]);
    const low = await search({ filter: { maxInbreeding: 0, minCompleteness: 0 }, sort: 'PRICE_ASC' });
    expect(low.edges.map((edge) => edge.node.price)).toEqual([120, 450, 1200]);
  });

  it('finds nothing for a caller without an organisation', async () => {
    const response = await gql(SEARCH, { query: 'clown' });
    expect(response.data?.searchListings.totalCount).toBe(0);
  });

  it('never shows a private animal, in any result or facet', async () => {
    const everything = await search({ query: 'pastel clown ghost' });
    expect(everything.edges.map((edge) => edge.node.id)).not.toContain(hidden.listingId);
    const all = await search({ first: 100 });
    expect(all.edges.map((edge) => edge.node.id)).not.toContain(hidden.listingId);
    expect(all.facets.genes.find((facet) => facet.value === 'Pastel')?.count).toBe(1);
  });

  it('shows a price change within a second, through the cache', async () => {
    await search({ filter: { minPrice: 5000 } }); // cached: nothing that expensive yet
    await gqlData(UPDATE, { id: clown.listingId, input: { price: 6000 } }, seller.token);
    // The promise: visible in search within a second of the mutation, cache or not.
    await within(1_000, async () => (await search({ filter: { minPrice: 5000 } })).edges.some((edge) => edge.node.id === clown.listingId));
  });

  it('keeps drafts out until published, and withdrawn listings out', async () => {
    const draft = await listed('Drafty', 'Clown', { status: 'DRAFT', title: 'Draft clown' });
    expect((await search({ query: 'drafty' })).totalCount).toBe(0);
    expect((await gqlData(LISTING, { id: draft.listingId }, buyer.token)).listing).toBeNull();
    expect((await gqlData(LISTING, { id: draft.listingId }, seller.token)).listing).toMatchObject({ status: 'DRAFT' });
    await gqlData(PUBLISH, { id: draft.listingId }, seller.token);
    await within(1_000, async () => (await search({ query: 'drafty' })).totalCount === 1);
    await gqlData(WITHDRAW, { id: draft.listingId }, seller.token);
    await within(1_000, async () => (await search({ query: 'drafty' })).totalCount === 0);
    const again = await gql(PUBLISH, { id: draft.listingId }, seller.token);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });

  it('rebuilt from scratch equals the incrementally maintained projection', async () => {
    const databaseName = new URL(inject('serviceDatabaseUrls').commerce).pathname.slice(1);
    const adminUrl = adminUrlFor(inject('postgresAdminUrl'), databaseName);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    // This file's seller only: other files write listings meanwhile, which the rebuild would rightly include.
    const rows = () =>
      admin
        .query('select * from listing_search where tenant_id = $1 order by id', [seller.organizationId])
        .then((result) => result.rows.map(({ projected_at: _, ...row }) => row));
    const logger = createLogger('search-rebuild-test', { silent: true });
    const pool = createPgPool({ url: inject('serviceDatabaseUrls').commerce, label: 'rebuild-test', logger, metrics: new Metrics(), max: 2 });
    const cache = createCache(inject('redisUrl') || undefined, 'rebuild-test', logger);
    try {
      const incremental = await rows();
      expect(incremental.length).toBeGreaterThan(0);
      await rebuildSearchProjection({ adminUrl, pool, cache, logger, metrics: new Metrics() });
      expect(await rows()).toEqual(incremental);
    } finally {
      await Promise.all([admin.end(), pool.end(), cache.close()]);
    }
  });
});

describe('bad input', () => {
  const codeOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => ({
    code: response.errors?.[0]?.extensions?.code,
    field: response.errors?.[0]?.extensions?.field,
  });

  it.each([
    ['a query over 500 characters', { query: 'a'.repeat(501) }, 'query'],
    ['first over 100', { first: 101 }, 'first'],
    ['an unknown gene', { filter: { showsGenes: ['Pastel', 'Banana split'] } }, 'filter.showsGenes'],
    ['an unknown species', { filter: { species: ['Dragon'] } }, 'filter.species[0]'],
    ['a negative price bound', { filter: { minPrice: -1 } }, 'filter.minPrice'],
    ['an F above 1', { filter: { maxInbreeding: 2 } }, 'filter.maxInbreeding'],
  ])('refuses %s in a search, naming the field', async (_, variables, field) => {
    const response = await gql(SEARCH, variables as never, buyer.token);
    expect(codeOf(response)).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('names the unknown genes', async () => {
    const response = await gql(SEARCH, { filter: { showsGenes: ['Banana split', 'Pastel'] } }, buyer.token);
    expect(response.errors?.[0]?.message).toContain('Banana split');
  });

  it.each([
    ['a zero price', { price: 0 }, 'price'],
    ['a price over 10,000,000', { price: 10_000_000.01 }, 'price'],
    ['an unknown currency', { currency: 'XYZ' }, 'currency'],
    ['an unknown country', { sellerLocation: { country: 'XX' } }, 'sellerLocation.country'],
    ['an expiry in the past', { expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
    ['a SOLD status', { status: 'SOLD' }, 'status'],
  ])('refuses a listing with %s, and writes nothing: no row, audit entry or event', async (_, input, field) => {
    const newcomer = await newOrganization('Bad listing');
    const animal = await createAnimal(newcomer, { name: `Bad ${randomUUID().slice(0, 8)}`, visibility: 'PUBLIC' });
    const response = await gql(CREATE, { input: { animalId: animal.id, price: 100, currency: 'EUR', ...input } as never }, newcomer.token);
    expect(codeOf(response)).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(Object.entries(await tenantFootprint('commerce', newcomer.organizationId)).filter(([, rows]) => rows > 0)).toEqual([]);
  });

  it('refuses to update a withdrawn listing, and writes nothing', async () => {
    const { listingId } = await listed('Gone', null);
    await gqlData(WITHDRAW, { id: listingId }, seller.token);
    const before = await asAdmin('commerce', 'select count(*)::int as n from outbox where aggregate_id = $1', [listingId]);
    const response = await gql(UPDATE, { id: listingId, input: { price: 10 } }, seller.token);
    expect(codeOf(response)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(await asAdmin('commerce', 'select count(*)::int as n from outbox where aggregate_id = $1', [listingId])).toEqual(before);
  });

  it("refuses another organisation's listing as FORBIDDEN", async () => {
    const response = await gql(UPDATE, { id: mention.listingId, input: { price: 10 } }, buyer.token);
    expect(codeOf(response).code).toBe('FORBIDDEN');
  });
});
