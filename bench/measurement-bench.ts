import { loadavg } from 'node:os';
import pg from 'pg';
import { graphqlData } from '../embedded/src/graphql-client.js';
import { MEASUREMENT_IMPORT_SECONDS_METRIC } from '../subgraphs/research/src/modules/measurement/measurement-import-service.js';
import { ms, percentile, timed } from './stats.js';
import type { BenchContext } from './suite.js';

const ANIMALS = 20_000;
// Smaller for a quick run or a profile of the import alone (BENCH_MEASUREMENTS_LOADED_ROWS=0 skips the series part); the
// report names the sizes it ran with. Each animal is weighed at most once a month for nine months.
const IMPORT_ROWS = Number(process.env.BENCH_MEASUREMENTS_IMPORT_ROWS ?? 100_000);
const LOADED_ROWS = Number(process.env.BENCH_MEASUREMENTS_LOADED_ROWS ?? 10_000_000);
if (!(IMPORT_ROWS > 0 && IMPORT_ROWS <= 9 * ANIMALS)) throw new Error(`BENCH_MEASUREMENTS_IMPORT_ROWS must be between 1 and ${9 * ANIMALS}`);
if (!(LOADED_ROWS >= 0)) throw new Error('BENCH_MEASUREMENTS_LOADED_ROWS must be 0 or more');
const GROUPS = 200;
const QUERIES = 200;
/** The years the loaded measurements span (ten yearly partitions). */
const FIRST_YEAR = 2015;
const YEARS = 10;
const TRAITS = ['birth_weight', 'weaning_weight', 'yearling_weight', 'body_weight'] as const;

const ANIMAL_SERIES = /* GraphQL */ `
  query($id: ID!, $from: DateTime, $to: DateTime) { animal(id: $id) { measurements(trait: "body_weight", from: $from, to: $to) { value measuredAt } } }
`;
const MONTHLY_MEANS = /* GraphQL */ `
  query($farm: ID!, $from: DateTime!, $to: DateTime!) { farm(id: $farm) { groups { monthlyMeans(trait: "body_weight", from: $from, to: $to) { month mean count } } } }
`;

/**
 * The research subgraph's measurements at scale, through the gateway: a 100,000-row CSV import of a
 * flock's weights, then, with 10 million of the organisation's measurements loaded by generate_series
 * (ten yearly partitions), the time series of one animal and a group's monthly means.
 */
export async function benchMeasurements({ platform, stores }: BenchContext): Promise<string> {
  const url = platform.gatewayUrl;
  const signUp = await graphqlData(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token user { organization { id } } } }', {
    input: { email: `measurement-bench-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Bench', organizationName: 'Measurement Bench Flock' },
  });
  const token = signUp.signUp.token as string;
  const tenantId = signUp.signUp.user.organization.id as string;
  const herdbook = ['id,sire,dam,sex', ...Array.from({ length: ANIMALS }, (_, i) => `NZ${String(i).padStart(6, '0')},,,${i % 2 ? 'F' : 'M'}`)].join('\n');
  await graphqlData(url, 'mutation($input: ImportPedigreeInput!) { importPedigree(input: $input) { imported } }', { input: { species: 'Sheep', csv: herdbook } }, token);
  const farm = (await graphqlData(url, 'mutation { createFarm(input: { name: "Bench Station", latitude: -45.03, longitude: 168.66 }) { id } }', {}, token)).createFarm
    .id as string;
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    groups.push(
      (await graphqlData(url, 'mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }', { input: { farmId: farm, name: `Mob ${g}` } }, token))
        .createGroup.id,
    );
  }

  // 100,000 rows: five weighings of each of 20,000 sheep, by external id, in kg, g and lb, each in a group.
  const lines = ['animal,trait,value,unit,date,group'];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const animal = i % ANIMALS;
    const kg = 20 + (i % 500) / 10;
    const [value, unit] = i % 3 === 0 ? [kg, 'kg'] : i % 3 === 1 ? [kg * 1000, 'g'] : [Number((kg / 0.45359237).toFixed(3)), 'lb'];
    lines.push(`NZ${String(animal).padStart(6, '0')},body_weight,${value},${unit},${2025}-0${1 + Math.floor(i / ANIMALS)}-15,${groups[animal % GROUPS]}`);
  }
  const csv = lines.join('\n');
  const load = loadavg()[0];
  const phases = ['parse', 'lookup', 'check', 'insert'] as const;
  const before = phases.map((phase) => platform.metrics.get(MEASUREMENT_IMPORT_SECONDS_METRIC, { phase }));
  let imported = 0;
  const importMs = await timed(async () => {
    const result = await graphqlData(url, 'mutation($csv: String!) { importMeasurements(csv: $csv) { imported errors { line message } } }', { csv }, token);
    imported = result.importMeasurements.imported;
    if (result.importMeasurements.errors.length > 0) throw new Error(`import refused: ${JSON.stringify(result.importMeasurements.errors.slice(0, 3))}`);
  });
  if (imported !== IMPORT_ROWS) throw new Error(`imported ${imported} rows`);
  const seconds = phases.map((phase, i) => platform.metrics.get(MEASUREMENT_IMPORT_SECONDS_METRIC, { phase }) - before[i]);
  const inService = seconds.reduce((sum, value) => sum + value, 0);
  const phaseNote = `parse and read the rows ${seconds[0].toFixed(2)} s, look up ${Math.min(ANIMALS, IMPORT_ROWS).toLocaleString('en')} animals by external id through the animal subgraph and the groups ${seconds[1].toFixed(2)} s, ranges ${seconds[2].toFixed(2)} s, insert and commit ${seconds[3].toFixed(2)} s, HTTP, JSON and the gateway ${(importMs / 1000 - inService).toFixed(2)} s`;

  const importLine = `- **Bulk import**: ${IMPORT_ROWS.toLocaleString('en')} rows (${(csv.length / 1024 / 1024).toFixed(1)} MB of CSV: animals by external id, kg, g and lb, every row in a group) by one \`importMeasurements\` call through the gateway: **${(importMs / 1000).toFixed(2)} s** (${Math.round(IMPORT_ROWS / (importMs / 1000)).toLocaleString('en')} rows/s; target: at most 15 s), one multi-row insert with an audit row per measurement and one outbox event (${phaseNote}). Load average ${load.toFixed(1)} on the machine's cores when it started.`;
  const flock = `An organisation with ${ANIMALS.toLocaleString('en')} sheep (imported as a herdbook) on one farm with ${GROUPS} groups.`;
  if (LOADED_ROWS === 0) return [flock, '', importLine, '- The series part was skipped (BENCH_MEASUREMENTS_LOADED_ROWS=0).'].join('\n');

  const loaded = await loadMeasurements(stores.postgresAdminUrl, platform.databaseUrls.research, tenantId, groups);
  const animalIds = (await graphqlData(url, 'query($ids: [String!]!) { animalsByExternalId(externalIds: $ids) { id } }', { ids: sampleExternalIds(QUERIES) }, token))
    .animalsByExternalId as { id: string }[];

  const seriesMs: number[] = [];
  let seriesRows = 0;
  for (const [i, { id }] of animalIds.entries()) {
    const year = FIRST_YEAR + (i % YEARS);
    seriesMs.push(
      await timed(async () => {
        const data = await graphqlData(url, ANIMAL_SERIES, { id, from: `${year}-01-01T00:00:00Z`, to: `${year + 1}-01-01T00:00:00Z` }, token);
        seriesRows += data.animal.measurements.length;
      }),
    );
  }
  const wholeSeriesMs: number[] = [];
  for (const { id } of animalIds.slice(0, 50)) wholeSeriesMs.push(await timed(() => graphqlData(url, ANIMAL_SERIES, { id }, token)));
  const meansMs: number[] = [];
  let groupMonths = 0;
  for (let i = 0; i < 20; i++) {
    const year = FIRST_YEAR + (i % YEARS);
    meansMs.push(
      await timed(async () => {
        const data = await graphqlData(url, MONTHLY_MEANS, { farm, from: `${year}-01-01T00:00:00Z`, to: `${year + 1}-01-01T00:00:00Z` }, token);
        groupMonths = data.farm.groups.reduce((sum: number, group: { monthlyMeans: unknown[] }) => sum + group.monthlyMeans.length, 0);
      }),
    );
  }
  const row = (name: string, samples: number[], note: string) =>
    `| ${name} | ${samples.length} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 99))} | ${note} |`;
  return [
    flock,
    '',
    importLine,
    `- **${(loaded.rows / 1e6).toLocaleString('en')} million rows**: ${loaded.rows.toLocaleString('en')} more of the organisation's measurements loaded by \`generate_series\` as the superuser (audit trigger off for the synthetic load, ${(loaded.seconds / 1).toFixed(0)} s), ${TRAITS.length} traits over ${YEARS} years, so ${YEARS} yearly partitions of about ${(loaded.rows / YEARS / 1e6).toFixed(1)} million rows; then ANALYZE. Each animal has about ${Math.round(loaded.rows / ANIMALS / TRAITS.length / YEARS)} weighings of a trait a year.`,
    '',
    '| query through the gateway (token of the organisation) | samples | p50 | p99 | what it returns |',
    '| --- | --- | --- | --- | --- |',
    row(
      '`animal(id) { measurements(trait: "body_weight", from, to) }`, one year',
      seriesMs,
      `${(seriesRows / seriesMs.length).toFixed(1)} measurements on average; one partition read`,
    ),
    row('the same over all years (no window)', wholeSeriesMs, 'every partition, one index range scan each'),
    row(
      `\`farm { groups { monthlyMeans(trait, from, to) } }\`, one year, ${GROUPS} groups`,
      meansMs,
      `${groupMonths} group-months of about ${Math.round(loaded.rows / TRAITS.length / YEARS / GROUPS / 12)} rows each`,
    ),
    '',
    `- Plan of the one-year series (EXPLAIN, generic shape): ${loaded.seriesPlan}`,
    `- Plan of a group's year of monthly means: ${loaded.meansPlan}`,
  ].join('\n');
}

function sampleExternalIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `NZ${String((i * 7919) % ANIMALS).padStart(6, '0')}`);
}

/** Loads LOADED_ROWS measurements of the tenant's animals and groups with generate_series, as the superuser; returns plans of the benchmarked queries. */
async function loadMeasurements(adminUrl: string, researchUrl: string, tenantId: string, groups: readonly string[]) {
  const url = new URL(adminUrl);
  url.pathname = new URL(researchUrl).pathname;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const animals = (await client.query<{ animal_id: string }>('select distinct animal_id from measurements where tenant_id = $1 order by 1', [tenantId])).rows.map(
      (row) => row.animal_id,
    );
    const start = performance.now();
    // Synthetic rows, not records anyone wrote: no audit rows for them (session_replication_role skips triggers).
    await client.query(`set session_replication_role = replica`);
    await client.query(
      `insert into measurements (tenant_id, animal_id, trait, value, unit, entered_value, entered_unit, group_id, measured_at)
       select $1, animals[1 + i % cardinality(animals)], traits[1 + (i / cardinality(animals)) % cardinality(traits)], 20 + (i % 400) / 10.0, 'kg', 20 + (i % 400) / 10.0, 'kg',
              groups[1 + (i % cardinality(animals)) % cardinality(groups)],
              make_timestamptz($5::int, 1, 1, 0, 0, 0, 'UTC') + ((i::float8 / $6::int) * $7::int * interval '365.2425 days')
       from generate_series(0, $6::int - 1) i, (select $2::uuid[] as animals, $3::text[] as traits, $4::uuid[] as groups) a`,
      [tenantId, animals, TRAITS, groups, FIRST_YEAR, LOADED_ROWS, YEARS],
    );
    await client.query(`set session_replication_role = origin`);
    await client.query('analyze measurements');
    const seconds = (performance.now() - start) / 1000;
    const plan = async (text: string, values: unknown[]) => {
      const lines = (await client.query(`explain ${text}`, values)).rows.map((row) => row['QUERY PLAN'] as string);
      return `\`${lines.map((line) => line.trim()).join(' → ')}\``;
    };
    const seriesPlan = await plan(
      `select * from measurements where animal_id = any($1::uuid[]) and trait = 'body_weight' and measured_at >= '2020-01-01Z' and measured_at < '2021-01-01Z' order by measured_at, id`,
      [[animals[0]]],
    );
    const meansPlan = await plan(
      `select group_id, to_char(date_trunc('month', measured_at, 'UTC'), 'YYYY-MM'), avg(value), count(*) from measurements
       where group_id = any($1::uuid[]) and trait = 'body_weight' and measured_at >= '2020-01-01Z' and measured_at < '2021-01-01Z' group by 1, 2`,
      [[groups[0]]],
    );
    return { rows: LOADED_ROWS, seconds, seriesPlan, meansPlan };
  } finally {
    await client.end();
  }
}
