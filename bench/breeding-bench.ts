import pg from 'pg';
import { SQL_STATEMENTS_METRIC } from '@studbook/platform';
import { batchMutation } from '../embedded/src/batch-mutations.js';
import { graphqlData } from '../embedded/src/graphql-client.js';
import type { BenchContext } from './suite.js';
import { ms, percentile, timed } from './stats.js';

const START = 'mutation($i: StartBreedingSessionInput!) { startBreedingSession(input: $i) { id } }';
const RECORD = 'mutation($i: RecordBreedingEventInput!) { recordBreedingEvent(input: $i) { id cursor } }';
/** What the gateway reads for each subscription delivery of a typical selection. */
const DELIVERY =
  'query($id: ID!) { breedingEvent(id: $id) { id cursor type occurredAt session { id status sire { name } dam { name } clutch { eggCount hatchRate } } } }';

interface Series {
  label: string;
  samples: number[];
  statements: number;
}

/**
 * Breeding writes and the reads behind subscriptions: latency of each kind of event, what the
 * per-session row lock costs under contention, and how the breeding_stats refresh scales.
 */
export async function benchBreeding({ platform, stores }: BenchContext): Promise<string> {
  const url = platform.gatewayUrl;
  const signUp = await graphqlData(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
    input: { email: `bench-breeding-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Bench', organizationName: 'Bench Reptiles' },
  });
  const token = signUp.signUp.token as string;
  const data = (query: string, variables: Record<string, unknown>) => graphqlData(url, query, variables, token);
  const pairs = await createPairs(url, token, 100);
  let nextPair = 0;
  const startSession = async () => (await data(START, { i: { ...pairs[nextPair++], startedAt: daysAgo(60) } })).startBreedingSession.id as string;
  const record = async (sessionId: string, input: Record<string, unknown>) => (await data(RECORD, { i: { sessionId, ...input } })).recordBreedingEvent as { id: string };

  const animalStatements = () => platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' });
  const measure = async (label: string, count: number, operation: (i: number) => Promise<unknown>): Promise<Series> => {
    const before = animalStatements();
    const samples: number[] = [];
    for (let i = 0; i < count; i++) samples.push(await timed(() => operation(i)));
    return { label, samples, statements: (animalStatements() - before) / count };
  };

  // Sequential latency of each kind of write, and of the read behind each subscription delivery.
  const notes = await startSession();
  for (let i = 0; i < 5; i++) await record(notes, { type: 'NOTE' }); // warm-up
  const lifecycles = Array.from({ length: 30 }, () => '');
  const eventIds: string[] = [];
  const series: Series[] = [
    await measure('NOTE event', 300, async () => eventIds.push((await record(notes, { type: 'NOTE' })).id)),
    await measure('startBreedingSession (refreshes stats)', 30, async (i) => (lifecycles[i] = await startSession())),
    await measure('EGGS_LAID (creates the clutch, refreshes stats)', 30, (i) => record(lifecycles[i], { type: 'EGGS_LAID', eggCount: 8, occurredAt: daysAgo(40) })),
    await measure('HATCHED registering 6 hatchlings (lineage F, refreshes stats)', 30, (i) =>
      record(lifecycles[i], { type: 'HATCHED', hatchedCount: 7, registerHatchlings: 6, occurredAt: daysAgo(1) }),
    ),
    await measure('breedingEvent with session, pair and clutch (a delivery)', 300, (i) => data(DELIVERY, { id: eventIds[i] })),
  ];

  // Contention: concurrent writers on one session queue on its row lock; on separate sessions they do not.
  const writers = 16;
  const perWriter = 20;
  const oneSession = await startSession();
  const oneSessionRate = await eventsPerSecond(writers * perWriter, () =>
    Promise.all(
      Array.from({ length: writers }, async () => {
        for (let i = 0; i < perWriter; i++) await record(oneSession, { type: 'NOTE' });
      }),
    ),
  );
  const separate = await Promise.all(Array.from({ length: writers }, () => startSession()));
  const separateRate = await eventsPerSecond(writers * perWriter, () =>
    Promise.all(
      separate.map(async (sessionId) => {
        for (let i = 0; i < perWriter; i++) await record(sessionId, { type: 'NOTE' });
      }),
    ),
  );

  const refresh = await refreshScaling(stores.postgresAdminUrl, platform.databaseUrls.animal);

  const rows = series.map(
    (s) => `| ${s.label} | ${s.samples.length} | ${ms(percentile(s.samples, 50))} | ${ms(percentile(s.samples, 99))} | ${s.statements.toFixed(1)} |`,
  );
  return [
    "| operation (through the gateway, sequential) | requests | p50 | p99 | animal SQL statements per request, the outbox relay's included |",
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `- ${writers} concurrent writers, ${perWriter} NOTE events each: ${oneSessionRate.toFixed(0)} events/s on one session (they queue on its row lock), ${separateRate.toFixed(0)} events/s on ${writers} sessions (${(separateRate / oneSessionRate).toFixed(1)}×).`,
    `- The breeding_stats refresh (REFRESH MATERIALIZED VIEW CONCURRENTLY, after every start and clutch event; concurrent requests in one process share one refresh): ${refresh.map((r) => `${ms(r.ms)} over ${r.sessions.toLocaleString('en')} sessions`).join(', ')} (${(refresh[1].ms / refresh[0].ms).toFixed(1)}× for ${(refresh[1].sessions / refresh[0].sessions).toFixed(0)}× the sessions).`,
  ].join('\n');
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

async function createPairs(url: string, token: string, count: number): Promise<{ sireId: string; damId: string }[]> {
  const inputs = Array.from({ length: count * 2 }, (_, i) => ({ name: `Bench ${i}`, species: 'Ball python', sex: i % 2 ? 'FEMALE' : 'MALE', hatchDate: '2019-04-01' }));
  const ids = await batchMutation(url, token, 'createAnimal', 'CreateAnimalInput', inputs);
  return Array.from({ length: count }, (_, i) => ({ sireId: ids[2 * i], damId: ids[2 * i + 1] }));
}

async function eventsPerSecond(events: number, work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return events / ((performance.now() - start) / 1000);
}

/**
 * Times the refresh at two sizes, after writing ended sessions with clutches straight into the
 * database (as its owner) for one synthetic organisation: the API would take minutes to record them.
 */
async function refreshScaling(adminUrl: string, animalUrl: string): Promise<{ sessions: number; ms: number }[]> {
  const url = new URL(adminUrl);
  url.pathname = new URL(animalUrl).pathname;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const tenant = '00000000-0000-4000-8000-00000000be9c';
    const timings: { sessions: number; ms: number }[] = [];
    for (const target of [1_000, 20_000]) {
      const [{ n }] = (await client.query<{ n: number }>('select count(*)::int as n from breeding_sessions')).rows;
      await client.query(
        `with pair as (
           insert into animals (tenant_id, name, species_id, sex) values ($1, 'Synthetic sire', 'ball-python', 'MALE'), ($1, 'Synthetic dam', 'ball-python', 'FEMALE')
           returning id, sex
         ), sessions as (
           insert into breeding_sessions (tenant_id, sire_id, dam_id, species_id, status, ended_at, offspring_inbreeding)
           select $1, (select id from pair where sex = 'MALE'), (select id from pair where sex = 'FEMALE'), 'ball-python', 'ENDED', now(), 0
           from generate_series(1, $2) returning id
         )
         insert into clutches (tenant_id, session_id, laid_at, egg_count, hatched_count) select $1, id, now(), 8, 6 from sessions`,
        [tenant, Math.max(0, target - n)],
      );
      await client.query('select studbook_api_refresh_breeding_stats()'); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) samples.push(await timed(() => client.query('select studbook_api_refresh_breeding_stats()')));
      timings.push({ sessions: target, ms: percentile(samples, 50) });
    }
    return timings;
  } finally {
    await client.end();
  }
}
