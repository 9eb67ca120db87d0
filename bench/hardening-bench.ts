import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createLogger, generateIdentityKeyPair } from '@studbook/platform';
import { startPlatform } from '../embedded/src/platform.js';
import { graphqlData } from '../embedded/src/graphql-client.js';
import { gatewayPolicyFrom } from '../gateway/src/policy.js';
import type { BenchContext } from './suite.js';
import { ms, percentile, timed } from './stats.js';

const SIMPLE = 'query($id: ID!) { animal(id: $id) { name sex species { commonName } } }';
const SEVEN_GENES = 'Pastel Enchi Cinnamon Fire Leopard Het Clown Het Piebald';
const ATTACKERS = 8;
const ATTACK_SECONDS = 20;
const BASELINE_REQUESTS = 300;

const aliased = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** The attacks of issue 9, each over budget; attackers take turns through them. */
function bombs(animalId: string) {
  return [
    {
      name: '100 × predictOffspring, 7 genes a side',
      query: aliased(100, `predictOffspring(sire: { genotype: "${SEVEN_GENES}" }, dam: { genotype: "${SEVEN_GENES}" }) { outcomes { name } }`),
    },
    { name: '10,000 × species { id }', query: aliased(10_000, 'species { id }') },
    { name: '50 × descendants(generations: 10)', query: aliased(50, `animal(id: "${animalId}") { descendants(generations: 10) { animal { name } } }`) },
    { name: '300 × pedigree(generations: 30)', query: aliased(300, `animal(id: "${animalId}") { pedigree(generations: 30) { nodes { position } } }`) },
    {
      name: 'animals(first: 100) { pedigree(generations: 12) }',
      query: '{ animals(first: 100) { edges { node { pedigree(generations: 12) { nodes { position animal { name } } } } } } }',
    },
  ];
}

/**
 * The attackers in a worker thread of their own, each sending the next bomb as soon as the last is
 * answered, half signed in and half anonymous: building and sending 150 KB bodies must not take
 * the event loop the gateway and the subgraphs of this process run on. Plain JavaScript, so the
 * worker needs no TypeScript loader.
 */
const ATTACKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, queries, attackers, seconds } = workerData;
const bodies = queries.map((query) => JSON.stringify({ query }));
const deadline = performance.now() + seconds * 1000;
const refusals = {};
const bombTimes = [];
async function attacker(index) {
  const headers = { 'content-type': 'application/json', ...(index % 2 === 0 ? { authorization: 'Bearer ' + token } : {}) };
  for (let turn = index; performance.now() < deadline; turn++) {
    const start = performance.now();
    const response = await fetch(url, { method: 'POST', headers, body: bodies[turn % bodies.length] });
    const result = await response.json();
    bombTimes.push(performance.now() - start);
    const code = String(result.errors?.[0]?.extensions?.code ?? (result.data ? 'answered' : response.status));
    refusals[code] = (refusals[code] ?? 0) + 1;
  }
}
Promise.all(Array.from({ length: attackers }, (_, i) => attacker(i))).then(() => parentPort.postMessage({ refusals, bombTimes }));
`;

/** Resolves once the attackers run, with a promise of what they saw. */
async function startAttackers(url: string, token: string, queries: string[]): Promise<Promise<{ refusals: Record<string, number>; bombTimes: number[] }>> {
  const worker = new Worker(ATTACKER_SCRIPT, { eval: true, workerData: { url, token, queries, attackers: ATTACKERS, seconds: ATTACK_SECONDS } });
  await once(worker, 'online');
  return new Promise((resolve, reject) => {
    worker.once('message', (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/**
 * p50/p99 of a simple query alone, then while 8 clients send over-budget bombs as fast as they are
 * answered. A platform of its own with rate limits off: from one address, the rate limiter would
 * answer the attackers (and the measured client) with 429 long before the budget had to.
 */
export async function benchHardening({ platform: shared, stores }: BenchContext): Promise<string> {
  const logger = createLogger('hardening-bench', { silent: true });
  const platform = await startPlatform({
    postgresAdminUrl: stores.postgresAdminUrl,
    databasePrefix: new URL(shared.databaseUrls.animal).pathname.slice(1).replace(/_animal$/, ''),
    appRole: 'studbook_app',
    appPassword: 'studbook_app',
    dynamo: { endpoint: stores.dynamoEndpoint, region: 'local', tableName: `hardening-bench-${Date.now()}` },
    objectStore: { endpoint: stores.s3Endpoint, region: 'local', bucket: 'hardening-bench-media' },
    identityKeys: generateIdentityKeyPair(),
    gateway: { port: 0 },
    gatewayPolicy: gatewayPolicyFrom({ RATE_LIMIT_PER_ADDRESS: 0, RATE_LIMIT_PER_SESSION: 0, AUTH_RATE_LIMIT_PER_ADDRESS: 0, AUTH_RATE_LIMIT_PER_SESSION: 0 }),
    logger,
  });
  try {
    const url = platform.gatewayUrl;
    const signUp = await graphqlData(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
      input: { email: `hardening-bench-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Bench', organizationName: 'Hardening Bench Farm' },
    });
    const token = signUp.signUp.token as string;
    const created = await graphqlData(url, 'mutation { createAnimal(input: { name: "Bench founder", species: "Ball python", sex: MALE }) { id } }', {}, token);
    const animalId = created.createAnimal.id as string;
    const simple = () => graphqlData(url, SIMPLE, { id: animalId }, token);

    for (let i = 0; i < 20; i++) await simple(); // warm-up
    const alone: number[] = [];
    for (let i = 0; i < BASELINE_REQUESTS; i++) alone.push(await timed(simple));

    const attacks = bombs(animalId);
    const load = loadavg()[0];
    const attack = await startAttackers(
      url,
      token,
      attacks.map((bomb) => bomb.query),
    );
    const underAttack: number[] = [];
    const deadline = performance.now() + ATTACK_SECONDS * 1000;
    while (performance.now() < deadline) underAttack.push(await timed(simple));
    const { refusals, bombTimes } = await attack;

    const row = (label: string, samples: number[]) => `| ${label} | ${samples.length} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 99))} |`;
    const ratio = percentile(underAttack, 99) / percentile(alone, 99);
    const codes = Object.entries(refusals)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, count]) => `${code} ${count}`)
      .join(', ');
    return [
      `\`${SIMPLE}\`, signed in, sequential; then the same for ${ATTACK_SECONDS} s while ${ATTACKERS} clients (half signed in, half anonymous, in a worker thread) each send the next bomb as soon as the last is answered: ${attacks.map((b) => b.name).join('; ')}. A platform of its own with rate limits off, so that only the operation budget stands in the way; the gateway and all four subgraphs share this process's one event loop, as in \`npm start\`.`,
      '',
      '| simple query | requests | p50 | p99 |',
      '| --- | --- | --- | --- |',
      row('alone', alone),
      row(`while ${ATTACKERS} clients send bombs`, underAttack),
      '',
      `- p99 under attack / p99 alone: **${ratio.toFixed(2)}×** (target: within 2×); the machine's 1-minute load average was ${load.toFixed(1)} on ${cpus().length} cores as the attack began.`,
      `- Bombs sent: ${bombTimes.length} (${(bombTimes.length / ATTACK_SECONDS).toFixed(0)}/s), answered by: ${codes}; each refused in ${ms(percentile(bombTimes, 50))} p50, ${ms(percentile(bombTimes, 99))} p99 (the 10,000-alias bomb is a 150 KB body).`,
    ].join('\n');
  } finally {
    await platform.stop();
  }
}
