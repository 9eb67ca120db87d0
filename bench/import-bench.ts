import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { graphqlData } from '../embedded/src/graphql-client.js';
import { IMPORT_SECONDS_METRIC } from '../subgraphs/animal/src/modules/herdbook/herdbook-service.js';
import type { BenchContext } from './suite.js';

const ROWS = 100_000;
const GENERATIONS = 20;
/** Rams kept for breeding per generation: few sires, as in a real flock, so relatives mate. */
const SIRES_PER_GENERATION = 50;

interface Animal {
  id: string;
  sire: string;
  dam: string;
  sex: 'M' | 'F' | 'U';
  name: string;
  hatchDate: string;
}

/**
 * A closed flock of `rows` animals over `generations` overlapping generations: each parent is drawn
 * from the three generations before its offspring, sires from a few rams per generation (so relatives
 * mate), 2% of parents are unknown, names are sometimes quoted, and the rows are shuffled.
 */
export function generateHerdbook(rows: number, generations: number, seed = 42): Animal[] {
  const random = mulberry32(seed);
  const perGeneration = Math.ceil(rows / generations);
  const males: string[][] = [];
  const females: string[][] = [];
  const animals: Animal[] = [];
  const pick = (pools: string[][], g: number, limit = Infinity) => {
    if (g === 0 || random() < 0.02) return '';
    const from = Math.max(0, g - 3) + Math.floor(random() * Math.min(3, g));
    const pool = pools[from];
    return pool.length ? pool[Math.floor(random() * Math.min(pool.length, limit))] : '';
  };
  for (let g = 0; g < generations; g++) {
    males.push([]);
    females.push([]);
    for (let i = 0; i < perGeneration && animals.length < rows; i++) {
      const id = `UK${String(animals.length + 1).padStart(7, '0')}`;
      const roll = random();
      const sex = roll < 0.01 ? 'U' : roll < 0.4 ? 'M' : 'F';
      if (sex === 'M') males[g].push(id);
      if (sex === 'F') females[g].push(id);
      const day = 1 + Math.floor(random() * 28);
      const name = i % 10 === 0 ? `"Ewe ${id}, flock ""B"""` : `Ewe ${id}`;
      animals.push({ id, sire: pick(males, g, SIRES_PER_GENERATION), dam: pick(females, g), sex, name, hatchDate: `${2000 + g}-03-${String(day).padStart(2, '0')}` });
    }
  }
  for (let i = animals.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [animals[i], animals[j]] = [animals[j], animals[i]];
  }
  return animals;
}

export function toCsv(animals: readonly Animal[]): string {
  return ['id,sire,dam,sex,name,hatchDate', ...animals.map((a) => `${a.id},${a.sire},${a.dam},${a.sex},${a.name},${a.hatchDate}`)].join('\r\n') + '\r\n';
}

/** The 100,000-row herdbook import end to end through the gateway, with the time per phase, and the share of it the audit trigger takes. */
export async function benchImport({ platform, stores }: BenchContext): Promise<string> {
  const url = platform.gatewayUrl;
  const signUp = await graphqlData(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
    input: { email: `import-bench-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Bench', organizationName: 'Import Bench Flock' },
  });
  const token = signUp.signUp.token as string;
  const herdbook = generateHerdbook(ROWS, GENERATIONS);
  const csv = toCsv(herdbook);

  const load = loadavg()[0];
  const phases = ['parse', 'check', 'insert', 'lineage'] as const;
  const before = phases.map((phase) => platform.metrics.get(IMPORT_SECONDS_METRIC, { phase }));
  const start = performance.now();
  const result = await graphqlData(
    url,
    'mutation($input: ImportPedigreeInput!) { importPedigree(input: $input) { imported errors { line message } } }',
    { input: { species: 'Sheep', csv } },
    token,
  );
  const totalSeconds = (performance.now() - start) / 1000;
  const { imported, errors } = result.importPedigree as { imported: number; errors: unknown[] };
  if (imported !== ROWS || errors.length > 0) throw new Error(`import failed: ${imported} imported, ${JSON.stringify(errors.slice(0, 5))}`);
  const seconds = Object.fromEntries(phases.map((phase, i) => [phase, platform.metrics.get(IMPORT_SECONDS_METRIC, { phase }) - before[i]]));
  const inService = phases.reduce((sum, phase) => sum + seconds[phase], 0);

  const sample = await graphqlData(
    url,
    'query($ids: [String!]!) { animalsByExternalId(externalIds: $ids) { externalId sire { externalId } } }',
    { ids: [herdbook[0].id] },
    token,
  );
  if (sample.animalsByExternalId[0]?.sire?.externalId !== (herdbook[0].sire || undefined)) throw new Error('imported pedigree does not match the file');

  const stats = (await graphqlData(url, 'query { populationStats(species: "Sheep") { animalCount meanInbreedingCoefficient shareInbreedingAtLeast0625 } }', {}, token))
    .populationStats as { animalCount: number; meanInbreedingCoefficient: number; shareInbreedingAtLeast0625: number };
  if (stats.animalCount !== ROWS) throw new Error(`populationStats counts ${stats.animalCount} animals`);

  const audit = await auditTriggerCost(stores.postgresAdminUrl, platform.databaseUrls.animal, herdbook);
  const s = (value: number) => `${value.toFixed(2)} s`;
  const share = (value: number) => `${((value / totalSeconds) * 100).toFixed(0)}%`;
  const share2 = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`;
  return [
    `A generated flock of ${ROWS.toLocaleString('en')} animals over ${GENERATIONS} overlapping generations (parents from the three generations before, ${SIRES_PER_GENERATION} sires per generation, 2% unknown, rows shuffled, ${(csv.length / 1024 / 1024).toFixed(1)} MB of CSV), imported by one \`importPedigree\` call through the gateway.`,
    '',
    '| phase | time | share |',
    '| --- | --- | --- |',
    `| parse and check the file's rows (in memory) | ${s(seconds.parse)} | ${share(seconds.parse)} |`,
    `| import lock, named parents locked FOR SHARE, existing ids read, pedigree checks (duplicates, parents, sexes, dates, loops) | ${s(seconds.check)} | ${share(seconds.check)} |`,
    `| one INSERT … SELECT FROM unnest (with one audit row per animal) and the outbox event | ${s(seconds.insert)} | ${share(seconds.insert)} |`,
    `| inbreeding recompute (LineageEngine.recompute) | ${s(seconds.lineage)} | ${share(seconds.lineage)} |`,
    `| HTTP, JSON and the gateway, commit, cache invalidation | ${s(totalSeconds - inService)} | ${share(totalSeconds - inService)} |`,
    `| **total** | **${s(totalSeconds)}** | ${(ROWS / totalSeconds).toFixed(0)} rows/s (target: under 60 s) |`,
    '',
    `- Right after the import, \`populationStats\` over the flock: ${stats.animalCount.toLocaleString('en')} animals, mean F ${stats.meanInbreedingCoefficient.toFixed(4)}, ${(stats.shareInbreedingAtLeast0625 * 100).toFixed(1)}% with F ≥ 0.0625.`,
    `- One sample on a shared machine (load average ${load.toFixed(1)} on its cores when the import started): expect the same run to vary by ±30%.`,
    `- Where the insert's time goes: the same ${ROWS.toLocaleString('en')}-row INSERT as the superuser (rolled back) takes ${s(audit.withTrigger)} as the service runs it, ${s(audit.withoutTrigger)} without the audit trigger, and ${s(audit.bare)} without any trigger (no audit, no per-row foreign-key checks of species, sire and dam). The audit trigger is ${share2(audit.withTrigger - audit.withoutTrigger, audit.withTrigger)} of the insert and the foreign-key checks ${share2(audit.withoutTrigger - audit.bare, audit.withTrigger)}; auditing stays on.`,
  ].join('\n');
}

/** Times one bulk insert of the herdbook with every trigger, without the audit trigger and without any trigger, each in a transaction that is rolled back. */
async function auditTriggerCost(
  adminUrl: string,
  animalDatabaseUrl: string,
  herdbook: readonly Animal[],
): Promise<{ withTrigger: number; withoutTrigger: number; bare: number }> {
  const url = new URL(adminUrl);
  url.pathname = new URL(animalDatabaseUrl).pathname;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const ids = new Map(herdbook.map((a) => [a.id, randomUUID()]));
  const columns = [
    herdbook.map((a) => ids.get(a.id)),
    herdbook.map((a) => `audit-bench-${a.id}`),
    herdbook.map((a) => a.name),
    herdbook.map((a) => ({ M: 'MALE', F: 'FEMALE', U: 'UNKNOWN' })[a.sex]),
    herdbook.map((a) => a.hatchDate),
    herdbook.map((a) => (a.sire ? ids.get(a.sire) : null)),
    herdbook.map((a) => (a.dam ? ids.get(a.dam) : null)),
  ];
  const insert = async (disable: 'nothing' | 'audit' | 'all') => {
    await client.query('begin');
    try {
      await client.query(`select set_config('app.current_tenant_id', $1, true)`, [randomUUID()]);
      if (disable !== 'nothing') await client.query(`alter table animals disable trigger ${disable === 'all' ? 'all' : 'audit_insert'}`);
      const start = performance.now();
      await client.query(
        `insert into animals (id, external_id, name, species_id, sex, hatch_date, sire_id, dam_id)
         select id, external_id, name, 'sheep', sex, hatch_date, sire_id, dam_id
         from unnest($1::uuid[], $2::text[], $3::text[], $4::sex[], $5::date[], $6::uuid[], $7::uuid[]) as t(id, external_id, name, sex, hatch_date, sire_id, dam_id)`,
        columns,
      );
      return (performance.now() - start) / 1000;
    } finally {
      await client.query('rollback');
    }
  };
  try {
    const withTrigger = await insert('nothing');
    const withoutTrigger = await insert('audit');
    const bare = await insert('all');
    return { withTrigger, withoutTrigger, bare };
  } finally {
    await client.end();
  }
}

/** A small, fast, seeded generator, so every run imports the same flock. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
