// Questions the gateways bench does not ask, on the same standalone subgraphs and recorded responses:
//   npx tsx bench/gateway-profile.ts gc                  Studbook's gateway alone: requests/s and CPU/request with V8 young-generation
//                                                        sizes, interleaved rounds
//   npx tsx bench/gateway-profile.ts profile [checkout]  the gateway alone under load, profiled: where its busy time goes; with a checkout
//                                                        (a `git archive` of an older commit, node_modules linked to this one's) that
//                                                        code's gateway too, on this supergraph
//   npx tsx bench/gateway-profile.ts subgraphs           CPU per request of commerce, research and user for the tiny entity requests the
//                                                        gateway sends them for one animal, each profiled
//   npx tsx bench/gateway-profile.ts endtoend [process]  the 20-animal list end to end through Studbook's gateway with dedupe off: CPU per
//                                                        request of every process and of PostgreSQL, interleaved rounds; with a process
//                                                        name (gateway, animal, commerce, research, user), that one profiled in a last round
// Settings: GATEWAY_PROFILE_SECONDS (5), GATEWAY_PROFILE_ROUNDS (3), GATEWAY_PROFILE_CONNECTIONS (50; subgraphs: 8), and the stores as
// for `npm run bench` (POSTGRES_URL, REDIS_URL; dynalite and s3rver are started here). Profiling opens each process's inspector on
// 127.0.0.1:9229 in turn, only for the measured run.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createIdentitySigner, createLogger, generateIdentityKeyPair, IDENTITY_HEADER } from '@studbook/platform';
import { startStores } from '../embedded/src/stores.js';
import { spawnEntry } from '../tests/support/processes.js';
import { flockQuery } from '../tests/support/seed-flock.js';
import { busyShares, profileWhile, topSelfTime } from './gateways/cpu-profile.js';
import { load } from './gateways/load.js';
import { measureGateway, type Measurement } from './gateways/measure-gateway.js';
import { PostgresCpu } from './gateways/postgres-cpu.js';
import { processCpuMs } from './gateways/process-cpu.js';
import { startSeededFederation } from './gateways/seeded-federation.js';
import { freePort, startStudbookGateway, stopAllServices, stopService, type Service } from './gateways/standalone-services.js';

const SECONDS = Number(process.env.GATEWAY_PROFILE_SECONDS ?? 5);
const ROUNDS = Number(process.env.GATEWAY_PROFILE_ROUNDS ?? 3);
const PREFIX = `${process.env.STUDBOOK_BENCH_DB_PREFIX ?? 'studbook_bench'}_gwprof`;
const ROOT = path.resolve(import.meta.dirname, '..');
const [mode = 'gc', beforeCheckout] = process.argv.slice(2);
const CONNECTIONS = Number(process.env.GATEWAY_PROFILE_CONNECTIONS ?? (mode === 'subgraphs' ? 8 : 50));
const ONE_ANIMAL = `query($id: ID!) { animal(id: $id) {
  name species { commonName } sire { name } owner { name } listing { price } measurements { trait value }
} }`;

interface Variant {
  label: string;
  env: Record<string, string>;
  /** Another checkout's gateway (started with this run's supergraph, so it plans the same subgraph fetches). */
  checkout?: string;
}

/**
 * Where a gateway's busy time goes: each sample counts for the innermost of its frames that one of these names, so socket
 * writes count for the subgraph client or for the client-facing server by whichever called them.
 */
const GATEWAY_CATEGORIES = [
  { label: 'GC', matches: (f: Frame) => f.functionName === '(garbage collector)' },
  {
    label: 'subgraph HTTP client',
    matches: (f: Frame) =>
      /undici|node-fetch|subgraph-fetch\/|identity-data-source|RemoteGraphQLDataSource|node:internal\/(webstreams|abort_controller)/.test(`${f.url} ${f.functionName}`),
  },
  { label: 'result shaping', matches: (f: Frame) => /@apollo\/gateway\/dist\/(executeQueryPlan|resultShaping)/.test(f.url) },
  { label: 'session and identity', matches: (f: Frame) => /session-resolver|identity-tokens|identity\/|auth\/caller|ioredis/.test(f.url) },
  {
    label: 'client-facing HTTP and Apollo Server',
    matches: (f: Frame) => /node:_http_(server|outgoing|common|incoming)|node_modules\/(express|body-parser|router|@apollo\/server|@as-integrations)\//.test(f.url),
  },
];
/** Socket reads and writes whose stack names no caller (they run from the event loop), on either side. */
const SOCKETS = [
  { label: 'socket I/O, either side', matches: (f: Frame) => /node:net|stream_base_commons|^writev$|node:internal\/streams/.test(f.url || f.functionName) },
];
type Frame = { functionName: string; url: string };
const pct = (share: number) => `${(100 * share).toFixed(0)} %`;

const stores = await startStores({
  postgresUrl: process.env.POSTGRES_URL,
  postgresDataDir: path.join(ROOT, '.data', 'bench-postgres'),
  postgresPort: 54331,
  dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
  s3Directory: path.join(ROOT, '.data', 'bench-s3', PREFIX),
  logger: createLogger('bench', { silent: true }),
});
try {
  const keys = generateIdentityKeyPair();
  const { subgraphs, real, replay, replayed, offspring, user } = await startSeededFederation({ stores, prefix: PREFIX, keys, who: 'gateway-profile' });
  const headers = { authorization: `Bearer ${user.token}` };
  const body = mode === 'subgraphs' ? JSON.stringify({ query: ONE_ANIMAL, variables: { id: offspring[0] } }) : JSON.stringify({ query: flockQuery(20) });
  // One recording pass with the gateway as shipped; then every variant is answered from the recordings.
  const recorder = await startStudbookGateway(replayed, keys);
  const expected = await (await fetch(recorder.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).text();
  if (!expected.includes('"data"') || expected.includes('"errors"')) throw new Error(`unexpected answer: ${expected}`);
  await stopService(recorder);
  await fetch(new URL('/replay', replay.url), { method: 'POST' });

  const start = (variant: Variant, extra: Record<string, string> = {}) =>
    variant.checkout ? startChecked(variant, { ...variant.env, ...extra }) : startStudbookGateway(replayed, keys, { ...variant.env, ...extra }, variant.label);
  const measure = async (service: Service, run: { url: string; headers: Record<string, string>; body: string; expectedBody: string }) => {
    await load({ ...run, connections: CONNECTIONS, seconds: 1 }); // warm-up
    const before = processCpuMs(service.pid);
    const result = await load({ ...run, connections: CONNECTIONS, seconds: SECONDS });
    return { perSecond: result.perSecond, cpuMs: (processCpuMs(service.pid) - before) / Math.max(1, result.requests), failures: result.failures };
  };
  const throughGateway = (service: Service) => ({ url: service.url, headers, body, expectedBody: expected });

  if (mode === 'gc') {
    const variants: Variant[] = [
      { label: 'default', env: {} },
      { label: 'autopipe', env: { AUTOPIPE: '1' } },
    ];
    const services = await Promise.all(variants.map((variant) => start(variant)));
    const runs = variants.map(() => [] as { perSecond: number; cpuMs: number; failures: number }[]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const i of round % 2 ? [...services.keys()].reverse() : services.keys()) runs[i].push(await measure(services[i], throughGateway(services[i])));
    }
    console.log(`\n20-animal list, the gateway alone, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s: mean (each round)`);
    console.log('| gateway | requests/s | CPU / request | failures |\n| --- | --- | --- | --- |');
    variants.forEach((variant, i) => {
      const mean = (of: (r: (typeof runs)[number][number]) => number) => runs[i].reduce((sum, r) => sum + of(r), 0) / runs[i].length;
      const each = (of: (r: (typeof runs)[number][number]) => number, digits: number) => runs[i].map((r) => of(r).toFixed(digits)).join(', ');
      console.log(
        `| ${variant.label} | ${mean((r) => r.perSecond).toFixed(0)} (${each((r) => r.perSecond, 0)}) | ${mean((r) => r.cpuMs).toFixed(2)} ms (${each((r) => r.cpuMs, 2)}) | ${mean((r) => r.failures)} |`,
      );
    });
  } else if (mode === 'profile') {
    const variants: Variant[] = [
      ...(beforeCheckout ? [{ label: 'before', env: {}, checkout: path.resolve(beforeCheckout) }] : []),
      { label: 'now', env: {} },
      { label: 'now, dedupe off', env: { SUBGRAPH_DEDUPE: 'off' } },
    ];
    console.log(`\nThe gateway alone under load, profiled: 20-animal list, ${CONNECTIONS} connections, ${SECONDS} s; shares of busy time`);
    console.log(
      `| gateway | requests/s | CPU / request | ${[...GATEWAY_CATEGORIES, ...SOCKETS].map((c) => c.label).join(' | ')} | other |\n|${' --- |'.repeat(GATEWAY_CATEGORIES.length + 5)}`,
    );
    for (const variant of variants) {
      const service = await start(variant);
      await measure(service, throughGateway(service)); // past the JIT's first minutes of work, as the others
      const { profile, result } = await profileWhile(service.pid, () => measure(service, throughGateway(service)));
      const shares = busyShares(profile, GATEWAY_CATEGORIES, SOCKETS);
      console.log(
        `| ${variant.label} | ${result.perSecond.toFixed(0)} | ${result.cpuMs.toFixed(2)} ms | ${[...GATEWAY_CATEGORIES, ...SOCKETS].map((c) => pct(shares[c.label])).join(' | ')} | ${pct(shares.other)} |`,
      );
      console.log(
        `  busiest: ${topSelfTime(profile, 8)
          .map((t) => `${t.where} ${pct(t.share)}`)
          .join(', ')}`,
      );
      await stopService(service);
    }
  } else if (mode === 'endtoend') {
    const gateway = await startStudbookGateway(real, keys, { SUBGRAPH_DEDUPE: 'off' }, 'gateway');
    const postgres = await PostgresCpu.connect(stores.postgresAdminUrl, PREFIX);
    const under = { label: 'Studbook, dedupe off', service: gateway, headers: () => headers };
    const expectedBody = await (await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).text();
    const run = { body, expectedBody, connections: CONNECTIONS };
    const upstream = { processes: subgraphs, subgraphs, postgres };
    await measureGateway(under, { ...run, seconds: 2 }, upstream); // warm-up
    // What each process spends with no request at all (pollers, timers), which a per-request figure includes.
    const idleFrom = [gateway, ...subgraphs].map((s) => processCpuMs(s.pid));
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    const idle = [gateway, ...subgraphs].map((s, i) => `${s.name} ${((processCpuMs(s.pid) - idleFrom[i]) / SECONDS).toFixed(1)}`);
    console.log(`idle CPU, ms per second: ${idle.join(', ')}`);
    const runs: Measurement[] = [];
    for (let round = 0; round < ROUNDS; round++) runs.push(await measureGateway(under, { ...run, seconds: SECONDS }, upstream));
    const mean = (of: (m: Measurement) => number) => runs.reduce((sum, m) => sum + of(m), 0) / runs.length;
    const each = (of: (m: Measurement) => number) => `${mean(of).toFixed(2)} ms (${runs.map((m) => of(m).toFixed(2)).join(', ')})`;
    console.log(`\n20-animal list end to end, Studbook's gateway with dedupe off, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s`);
    console.log(`requests/s: ${mean((m) => m.perSecond).toFixed(0)}; failures: ${mean((m) => m.failures)}`);
    console.log(`gateway: ${each((m) => m.gatewayCpuMs)}`);
    for (const subgraph of subgraphs) console.log(`${subgraph.name}: ${each((m) => m.upstreamCpuMs[subgraph.name])}`);
    console.log(`PostgreSQL: ${each((m) => m.postgresCpuMs)}`);
    console.log(`total: ${each((m) => m.gatewayCpuMs + Object.values(m.upstreamCpuMs).reduce((a, b) => a + b, 0) + m.postgresCpuMs)}`);
    console.log(`SQL / request: ${JSON.stringify(Object.fromEntries(Object.entries(runs[0].statements).map(([k, v]) => [k, v.toFixed(1)])))}`);
    const profiled = [gateway, ...subgraphs].find((s) => s.name === beforeCheckout);
    if (profiled) {
      const { profile } = await profileWhile(profiled.pid, () => measureGateway(under, { ...run, seconds: SECONDS }, upstream));
      const saved = path.join(os.tmpdir(), `studbook-${profiled.name}.cpuprofile`);
      await writeFile(saved, JSON.stringify(profile));
      console.log(`${profiled.name}'s profile (for Chrome DevTools): ${saved}`);
      console.log(
        `${profiled.name}, busiest by self time: ${topSelfTime(profile, 25)
          .map((t) => `${t.where} ${pct(t.share)}`)
          .join('\n  ')}`,
      );
    }
    await postgres.close();
    await stopService(gateway);
  } else {
    // The entity requests the gateway sent for one animal, sent to each subgraph directly with a token the bench signs.
    const recordings = (await (await fetch(new URL('/recordings', replay.url))).json()) as { subgraph: string; body: string }[];
    const signer = createIdentitySigner(keys.privateKey);
    const identity = { kind: 'user', userId: user.id, organizationId: user.organizationId, role: 'OWNER' } as const;
    console.log(`\nTiny entity requests straight to each subgraph (those the gateway sends for one animal), ${CONNECTIONS} connections, ${SECONDS} s`);
    console.log('| subgraph | request | requests/s | CPU / request | busiest (self time) |\n| --- | --- | --- | --- | --- |');
    for (const name of ['commerce', 'research', 'user'] as const) {
      const service = subgraphs.find((s) => s.name === name)!;
      for (const recording of recordings.filter((r) => r.subgraph === name)) {
        // The gateway looks sessions up as itself; everything else it asks as the caller.
        const asked = recording.body.includes('sessionIdentity') ? ({ kind: 'service', service: 'gateway' } as const) : identity;
        const run = { url: service.url, headers: { [IDENTITY_HEADER]: await signer.sign(asked) }, body: recording.body, expectedBody: '' };
        const answer = await (await fetch(run.url, { method: 'POST', headers: { 'content-type': 'application/json', ...run.headers }, body: run.body })).text();
        if (answer.includes('"errors"')) throw new Error(`${name} refused a recorded request: ${answer}`);
        run.expectedBody = answer;
        await measure(service, run);
        const { profile, result } = await profileWhile(service.pid, () => measure(service, run));
        const query = (JSON.parse(recording.body) as { query: string }).query.replace(/\s+/g, ' ').slice(0, 80);
        console.log(
          `| ${name} | \`${query}\` | ${result.perSecond.toFixed(0)} | ${result.cpuMs.toFixed(2)} ms | ${topSelfTime(profile, 8)
            .map((t) => `${t.where} ${pct(t.share)}`)
            .join(', ')} |`,
        );
      }
    }
  }
  const misses = (await (await fetch(new URL('/misses', replay.url))).json()) as { misses: number };
  console.log(`replayed requests that missed a recording: ${misses.misses}`);

  /** An older checkout's gateway on the recorded responses, configured as startStudbookGateway configures this one. */
  async function startChecked(variant: Variant, env: Record<string, string>): Promise<Service> {
    const port = await freePort();
    const child = spawnEntry(
      'gateway/src/index.ts',
      {
        ...(process.env.REDIS_URL && { REDIS_URL: process.env.REDIS_URL }),
        IDENTITY_PRIVATE_KEY: keys.privateKey,
        ANIMAL_URL: replayed.animal,
        COMMERCE_URL: replayed.commerce,
        RESEARCH_URL: replayed.research,
        USER_URL: replayed.user,
        RATE_LIMIT_PER_ADDRESS: '0',
        RATE_LIMIT_PER_SESSION: '0',
        AUTH_RATE_LIMIT_PER_ADDRESS: '0',
        AUTH_RATE_LIMIT_PER_SESSION: '0',
        SUPERGRAPH_PATH: path.join(ROOT, 'schema', 'supergraph.graphql'),
        PORT: String(port),
        LOG_SILENT: 'true',
        ...env,
      },
      variant.checkout,
    );
    const url = `http://127.0.0.1:${port}/graphql`;
    for (let waited = 0; ; waited += 200) {
      if (child.child.exitCode !== null || waited > 120_000) throw new Error(`${variant.label} did not start:\n${child.output()}`);
      const up = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' }).then(
        () => true,
        () => false,
      );
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { name: variant.label, url, pid: child.child.pid!, process: child };
  }
} finally {
  await stopAllServices();
  await stores.stop();
}
