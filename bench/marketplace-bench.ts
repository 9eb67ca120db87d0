import os from 'node:os';
import pg from 'pg';
import { adminUrlFor } from '@studbook/drizzle/migrate';
import { SQL_STATEMENTS_METRIC } from '@studbook/platform';
import { graphqlData } from '../embedded/src/graphql-client.js';
import { insertListings, speciesMix, staleCount } from './marketplace-fixtures.js';
import { benchSaleSaga } from './sale-saga-bench.js';
import type { BenchContext } from './suite.js';
import { ms, percentile, timed } from './stats.js';

// Smaller for a quick run while developing (BENCH_MARKETPLACE_LISTINGS=2000); the report names the size it ran with.
const LISTINGS = Number(process.env.BENCH_MARKETPLACE_LISTINGS ?? 100_000);
const SALES = Number(process.env.BENCH_MARKETPLACE_SALES ?? 50);
const SELLERS = 50;
const ONE_ANIMAL = 'query($id: ID!) { animal(id: $id) { name species { commonName } listing { price } } }';
const SEARCH = (facets: boolean) => `query($query: String, $filter: ListingFilter, $sort: ListingSort, $first: Int) {
  searchListings(query: $query, filter: $filter, sort: $sort, first: $first) {
    totalCount edges { node { id title price currency animal { id } } }
    ${facets ? 'facets { species { value count } sex { value count } genes { value count } priceBuckets { min max count } }' : ''}
  } }`;

/** What buyers search for: words (with a typo), gene filters, price and pedigree bounds, each sort. */
export const WORKLOAD: { query?: string; filter?: Record<string, unknown>; sort?: string }[] = [
  { query: 'pastel clown' },
  { query: 'pastle clwn' },
  { filter: { species: ['Ball python'], showsGenes: ['Pastel'] }, sort: 'PRICE_ASC' },
  { filter: { species: ['Ball python'], carriesGenes: ['Clown'], excludesGenes: ['Spider'] } },
  { query: 'albino', filter: { maxPrice: 1000 } },
  { filter: { maxInbreeding: 0.0625, minCompleteness: 0.5 }, sort: 'INBREEDING_ASC' },
  { filter: { species: ['Leopard gecko'] }, sort: 'NEWEST' },
  { query: 'mack snow eclipse', filter: { shipsTo: 'DE' } },
];

/**
 * A generated marketplace of 100,000 listings searched through the gateway: latency cold (a
 * filter never asked before, so the cache misses) and warm (cached) against a one-animal query,
 * SQL statements per search, facets' share, and projection lag while 50 listing writes/s arrive.
 */
export async function benchMarketplace({ platform, stores }: BenchContext): Promise<string> {
  const url = platform.gatewayUrl;
  const signUp = (who: string) =>
    graphqlData(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token user { organization { id } } } }', {
      input: { email: `bench-${who}-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Bench', organizationName: `Bench ${who}` },
    }).then((data) => ({ token: data.signUp.token as string, organizationId: data.signUp.user.organization.id as string }));
  const [seller, buyer] = [await signUp('seller'), await signUp('buyer')];
  const ask = (query: string, variables: Record<string, unknown>, token = buyer.token) => graphqlData(url, query, variables, token);

  // Twenty real listings through the gateway: the one-animal baseline and the writes of the lag test.
  const real: { animalId: string; listingId: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const { createAnimal } = await ask(
      'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }',
      { input: { name: `Bench ${i}`, species: 'Ball python', sex: 'MALE', visibility: 'PUBLIC' } },
      seller.token,
    );
    await ask('mutation($id: ID!) { setGenotype(animalId: $id, genotype: "Pastel Het Clown") { id } }', { id: createAnimal.id }, seller.token);
    const { createListing } = await ask(
      'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }',
      { input: { animalId: createAnimal.id, price: 500, currency: 'EUR' } },
      seller.token,
    );
    real.push({ animalId: createAnimal.id, listingId: createListing.id });
  }
  // Before the generated listings, so the search projector's catch-up of them does not share the saga's time.
  const saga = await benchSaleSaga(url, seller, buyer, SALES);

  const commerceAdmin = new pg.Client({ connectionString: adminUrlFor(stores.postgresAdminUrl, new URL(platform.databaseUrls.commerce).pathname.slice(1)) });
  const animalAdmin = new pg.Client({ connectionString: adminUrlFor(stores.postgresAdminUrl, new URL(platform.databaseUrls.animal).pathname.slice(1)) });
  await Promise.all([commerceAdmin.connect(), animalAdmin.connect()]);
  try {
    const insertMs = await timed(async () => insertListings(commerceAdmin, await speciesMix(animalAdmin), LISTINGS, SELLERS));
    const projectMs = await timed(async () => {
      while ((await staleCount(commerceAdmin)) > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    });
    await commerceAdmin.query('analyze listings; analyze listing_search');

    const series = async (count: number, operation: (i: number) => Promise<unknown>) => {
      const before = platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'commerce' });
      const samples: number[] = [];
      for (let i = 0; i < count; i++) samples.push(await timed(() => operation(i)));
      return { samples, statements: (platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'commerce' }) - before) / count };
    };
    // A minPrice bound never used before, below every generated price (50 and up), changes the cache key
    // and nothing else: every request misses. (A maxPrice bound did not: the queries that set their own
    // maxPrice overrode it, so all but the first of theirs were cache hits.)
    let unique = 0;
    const cold =
      (facets: boolean, first = 20) =>
      (i: number) => {
        const variant = WORKLOAD[i % WORKLOAD.length];
        return ask(SEARCH(facets), { ...variant, first, filter: { ...variant.filter, minPrice: ++unique / 100 } });
      };
    const warm = (i: number) => ask(SEARCH(true), { ...WORKLOAD[i % WORKLOAD.length], first: 20 });

    for (let i = 0; i < 10; i++) await ask(ONE_ANIMAL, { id: real[i % real.length].animalId });
    const oneAnimal = await series(200, (i) => ask(ONE_ANIMAL, { id: real[i % real.length].animalId }));
    for (let i = 0; i < WORKLOAD.length; i++) await warm(i); // fills the cache
    const warmSearch = await series(200, warm);
    const coldSearch = await series(80, cold(true));
    const coldNoFacets = await series(80, cold(false));
    const coldFirst100 = await series(40, cold(true, 100));
    const { searchListings } = await ask(SEARCH(false), { first: 1 });

    const lag = await projectionLag(
      url,
      seller.token,
      commerceAdmin,
      real.map((r) => r.listingId),
    );

    const p = (s: number[], q: number) => percentile(s, q);
    const ratio = (a: number[], q: number) => (p(a, q) / p(oneAnimal.samples, q)).toFixed(1);
    const row = (label: string, s: { samples: number[]; statements: number }) =>
      `| ${label} | ${s.samples.length} | ${ms(p(s.samples, 50))} | ${ms(p(s.samples, 99))} | ${ratio(s.samples, 50)}× / ${ratio(s.samples, 99)}× | ${s.statements.toFixed(1)} |`;
    const facetShare = 1 - p(coldNoFacets.samples, 50) / p(coldSearch.samples, 50);
    return [
      `${searchListings.totalCount.toLocaleString('en')} searchable of ${(LISTINGS + real.length).toLocaleString('en')} generated listings (Ball python 60%, Corn snake, Leopard gecko 15% each, Sheep 10%; up to four catalog genes each, recessives as hets or visual; ${SELLERS} sellers; 5% drafts or withdrawn), inserted as the superuser in ${(insertMs / 1000).toFixed(1)} s; the search projector's catch-up pass projected them all in ${(projectMs / 1000).toFixed(1)} s (${Math.round(LISTINGS / (projectMs / 1000))} listings/s).`,
      '',
      '| request (through the gateway, sequential; searches cycle over 8 buyer queries) | requests | p50 | p99 | vs one animal (p50 / p99) | commerce SQL statements per request |',
      '| --- | --- | --- | --- | --- | --- |',
      row('one animal (baseline)', oneAnimal),
      row('search, warm (cached result)', warmSearch),
      row('search, cold (cache miss), facets selected, first 20', coldSearch),
      row('search, cold, no facets selected, first 20', coldNoFacets),
      row('search, cold, facets selected, first 100', coldFirst100),
      '',
      `- Facets' share of a cold search: ${(facetShare * 100).toFixed(0)}% (p50 with facets against without).`,
      `- SQL statements per cold search do not grow with \`first\` (20: ${coldSearch.statements.toFixed(1)}, 100: ${coldFirst100.statements.toFixed(1)}): per search transaction begin, tenant setting, one statement for page, total and facets (a second, after the trigram threshold, when the words match nothing and typos are tried) and commit; then one transaction reading the page's listings (4 statements, which a warm search pays too).`,
      `- Projection lag while ${lag.writes} \`updateListing\` calls arrive at 50/s (from each mutation's answer to its price, or a later one, in listing_search; ${lag.seen} of them seen, ${lag.failed} failed): p50 ${ms(lag.p50)}, p99 ${ms(lag.p99)}, max ${ms(lag.max)}.`,
      ...saga,
      `- Load average when the run ended: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min) on ${os.cpus().length} cores, other work included.`,
    ].join('\n');
  } finally {
    await Promise.all([commerceAdmin.end(), animalAdmin.end()]);
  }
}

/**
 * 50 price changes a second for ten seconds, spread over the listings; a poller reads their
 * projected prices every 10 ms. Prices only rise, so a write is projected once its listing shows its
 * price or a higher one: the projection applies a listing's latest state, and a price overtaken
 * before the poller saw it must count as projected, not be left out (which hid the slow ones).
 */
async function projectionLag(url: string, token: string, commerceAdmin: pg.Client, listingIds: string[]) {
  const answeredAt = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  const projectedPrice = new Map<string, number>();
  const awaiting = new Map<string, { id: string; price: number }>();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const { rows } = await commerceAdmin.query<{ id: string; price: string }>('select id, price from listing_search where id = any($1::uuid[])', [listingIds]);
      const now = performance.now();
      for (const row of rows) projectedPrice.set(row.id, Number(row.price));
      for (const [key, { id, price }] of awaiting)
        if ((projectedPrice.get(id) ?? 0) >= price) {
          firstSeen.set(key, now);
          awaiting.delete(key);
        }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const writes = 500;
  let failed = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < writes; i++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + i * 20 - performance.now())));
    const id = listingIds[i % listingIds.length];
    const price = 1000 + i;
    awaiting.set(`${id}:${price}`, { id, price });
    pending.push(
      graphqlData(url, 'mutation($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id } }', { id, input: { price } }, token).then(
        () => void answeredAt.set(`${id}:${price}`, performance.now()),
        () => void failed++,
      ),
    );
  }
  await Promise.all(pending);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  polling = false;
  await poller;
  // Seen before its answer arrived (the projection beat the HTTP response) counts as no lag.
  const lags = [...answeredAt].filter(([key]) => firstSeen.has(key)).map(([key, at]) => Math.max(0, firstSeen.get(key)! - at));
  return { writes, failed, seen: lags.length, p50: percentile(lags, 50), p99: percentile(lags, 99), max: Math.max(...lags) };
}
