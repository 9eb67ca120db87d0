// `tsx bench/marketplace-plans.ts <commerce database URL> <animal database URL>`: the plan and time of
// each marketplace search of the bench's workload (a cache miss), as the service role under RLS, by
// EXPLAIN (ANALYZE, BUFFERS) of the search's own SQL. Run it against a bench run's databases
// (studbook_bench_commerce, studbook_bench_animal) or a copy of them to see which search is slow and why.
// REPEAT=n runs each n times and gives the fastest; TIMING=0 explains without per-node timing (close
// to the real time); PLANS=0 prints times only; FACETS=0 searches without facets. On a shared machine
// compare the times in "scans" (a plain scan of the projection, measured first), not in ms.
import type { SpeciesGenes } from '@studbook/contracts/animal-directory';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Tx } from '@studbook/platform';
import { normalisedQuery, normaliseFilter, type ListingFilterInput, type ListingSort } from '../subgraphs/commerce/src/modules/search/search-input.js';
import { searchListings, type SearchRequest } from '../subgraphs/commerce/src/modules/search/search-store.js';
import { WORKLOAD } from './marketplace-bench.js';

const [commerceUrl, animalUrl] = process.argv.slice(2);
if (!commerceUrl || !animalUrl) throw new Error('usage: tsx bench/marketplace-plans.ts <commerce database URL> <animal database URL>');
const ROLE = process.env.STUDBOOK_APP_ROLE ?? 'studbook_app';
const REPEAT = Number(process.env.REPEAT ?? 1);

async function catalogOf(url: string): Promise<SpeciesGenes[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<SpeciesGenes>(
      `select s.common_name as "commonName", coalesce(json_agg(json_build_object('name', g.name, 'aliases', g.aliases, 'inheritance', g.inheritance))
         filter (where g.name is not null), '[]') as genes
       from species s left join genes g on g.species_id = s.id group by s.common_name`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

const catalog = await catalogOf(animalUrl);
const client = new pg.Client({ connectionString: commerceUrl });
await client.connect();
const db = drizzle(client);
const dialect = new PgDialect();
try {
  const { rows } = await client.query<{ tenant_id: string }>('select tenant_id from listing_search limit 1');
  // A yardstick for a shared machine: a plain scan of the projection, as its owner, without RLS.
  const yardstick: number[] = [];
  for (let run = 0; run < Math.max(3, REPEAT); run++) {
    const { rows: plan } = await client.query<{ 'QUERY PLAN': string }>('explain (analyze, timing off) select count(*) from listing_search where searchable');
    yardstick.push(Number(/Execution Time: ([\d.]+) ms/.exec(plan.map((row) => row['QUERY PLAN']).join('\n'))?.[1]));
  }
  const unit = Math.min(...yardstick);
  console.log(`a scan of listing_search: ${unit.toFixed(1)} ms (fastest of ${yardstick.length})`);
  for (const [i, variant] of WORKLOAD.entries()) {
    const query = normalisedQuery(variant.query);
    const request: SearchRequest = {
      query,
      filter: normaliseFilter(variant.filter as ListingFilterInput | undefined, catalog),
      sort: (variant.sort ?? (query ? 'RELEVANCE' : 'NEWEST')) as ListingSort,
      first: 20,
      offset: 0,
      withFacets: process.env.FACETS !== '0',
      match: variant.query === 'pastle clwn' ? 'typos' : 'words',
    };
    const times: number[] = [];
    let plan = '';
    for (let run = 0; run < REPEAT; run++) {
      await client.query('begin');
      await client.query(`set local role ${ROLE}`);
      await client.query("select set_config('app.current_tenant_id', $1, true)", [rows[0].tenant_id]);
      // The search's statements as it runs them, its own search explained instead of answered.
      const explaining = {
        execute: async (statement: SQL) => {
          const text = dialect.sqlToQuery(statement).sql;
          if (text.startsWith('select set_config')) return db.execute(statement);
          const result = await db.execute<{ 'QUERY PLAN': string }>(
            sql`explain (analyze, buffers, timing ${sql.raw(process.env.TIMING === '0' ? 'off' : 'on')}) ${statement}`,
          );
          plan = result.rows.map((row) => row['QUERY PLAN']).join('\n');
          return { rows: [{ answer: null }] };
        },
      } as unknown as Tx;
      await searchListings(explaining, request);
      await client.query('rollback');
      times.push(Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]));
    }
    console.log(
      `\n=== ${i}: ${JSON.stringify(variant)} (${request.match}) — ${Math.min(...times).toFixed(1)} ms (fastest of ${REPEAT}; ${(Math.min(...times) / unit).toFixed(1)} scans)\n${process.env.PLANS === '0' ? '' : plan}`,
    );
  }
} finally {
  await client.end();
}
