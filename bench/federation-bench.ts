import { SQL_STATEMENTS_METRIC } from '@studbook/platform';
import type { RunningPlatform } from '../embedded/src/platform.js';
import { graphqlData } from '../embedded/src/graphql-client.js';
import { flockQuery, seedFlock } from '../tests/support/seed-flock.js';
import { ms, percentile, timed } from './stats.js';

const ONE_ANIMAL = `query($id: ID!) { animal(id: $id) {
  name species { commonName } sire { name } owner { name } listing { price } measurements { trait value }
} }`;

interface Series {
  label: string;
  samples: number[];
  statements: Record<string, number>;
}

/** Latency of federated reads through the gateway, and SQL statements each costs per subgraph. */
export async function benchFederation(platform: RunningPlatform): Promise<string> {
  const url = platform.gatewayUrl;
  const signUp = await graphqlData(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
    input: { email: `bench-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Bench', organizationName: 'Bench Farm' },
  });
  const token = signUp.signUp.token as string;
  const { offspring } = await seedFlock(url, token, 200);

  const pools = ['animal', 'commerce', 'research'];
  const run = async (label: string, requests: number, operation: (i: number) => Promise<unknown>): Promise<Series> => {
    for (let i = 0; i < 5; i++) await operation(i); // warm-up
    const before = pools.map((pool) => platform.metrics.get(SQL_STATEMENTS_METRIC, { pool }));
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) samples.push(await timed(() => operation(i)));
    const statements = Object.fromEntries(pools.map((pool, i) => [pool, (platform.metrics.get(SQL_STATEMENTS_METRIC, { pool }) - before[i]) / requests]));
    return { label, samples, statements };
  };

  const series = [
    await run('one animal, all four subgraphs', 300, (i) => graphqlData(url, ONE_ANIMAL, { id: offspring[i % offspring.length] }, token)),
    await run('20 animals with every federated field', 100, () => graphqlData(url, flockQuery(20), {}, token)),
    await run('200 animals with every federated field', 40, () => graphqlData(url, flockQuery(200), {}, token)),
  ];

  const concurrency = 8;
  const perClient = 50;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      for (let i = 0; i < perClient; i++) await graphqlData(url, ONE_ANIMAL, { id: offspring[(c * perClient + i) % offspring.length] }, token);
    }),
  );
  const throughput = (concurrency * perClient) / ((performance.now() - start) / 1000);

  const rows = series.map(
    (s) =>
      `| ${s.label} | ${s.samples.length} | ${ms(percentile(s.samples, 50))} | ${ms(percentile(s.samples, 99))} | ${pools.map((p) => s.statements[p].toFixed(1)).join(' / ')} |`,
  );
  const ratio = percentile(series[2].samples, 50) / percentile(series[1].samples, 50);
  return [
    '| operation (through the gateway, sequential) | requests | p50 | p99 | SQL statements per request: animal / commerce / research |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `- 200 animals take ${ratio.toFixed(1)}× the time of 20 (p50), for the same number of SQL statements: the cost that grows with the list is JSON and planning, not round trips.`,
    `- ${concurrency} concurrent clients, ${perClient} single-animal queries each: ${throughput.toFixed(0)} requests/s.`,
  ].join('\n');
}
