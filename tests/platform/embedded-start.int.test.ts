import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../embedded/src/demo-data.js';
import { DEMO_FARM_NAME } from '../../embedded/src/demo-farm.js';
import { DEMO_PROJECT_TITLE } from '../../embedded/src/demo-project.js';
import { requestAt } from '../support/operations.js';
import { freePort, portOpen, spawnEntry, stopProcess, waitForOutput, type RunningProcess } from '../support/processes.js';
import { graphql } from '../__generated__/index.js';

let dataDir: string;
let running: RunningProcess | undefined;

/** Runs what `npm start` runs, with no store configured, and waits for its banner. */
async function start(env: Record<string, string>): Promise<string> {
  running = spawnEntry('embedded/src/index.ts', env);
  const [, url] = await waitForOutput(running, /Studbook is running at (\S+)/, 150_000);
  return url;
}

/** Ctrl-C; a code other than 130 fails with the process's last output, to show why. */
async function stop(): Promise<number | null> {
  const stopped = running!;
  const code = await stopProcess(stopped);
  running = undefined;
  if (code !== 130) console.error(`npm start exited ${code}:\n${stopped.output().slice(-4000)}`);
  return code;
}

async function demoHerd(url: string) {
  const signIn = await requestAt(url, graphql(`mutation EmbeddedStartSignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`), {
    e: DEMO_USERS.reptiles.email,
    p: DEMO_PASSWORD,
  });
  const result = await requestAt(
    url,
    graphql(
      `query EmbeddedStartAnimals { animals(first: 500, filter: { mine: true }) { edges { node { name species { commonName } sire { name } owner { name } listing { price } measurements { trait } media { isCover thumbnailUrl } } } } }`,
    ),
    {},
    signIn.data!.signIn.token,
  );
  const sales = await requestAt(url, graphql(`query EmbeddedStartSales { mySales { edges { node { state soldAnimal { name } } } } }`), {}, signIn.data!.signIn.token);
  return Object.assign(
    result.data!.animals.edges.map((e) => e.node),
    { sales: sales.data!.mySales.edges.map((e) => e.node) },
  );
}

/** What the reptile keeper sees as a researcher in the sheep farm's demo project: the project, and the flock it shares. */
async function sharedFlock(url: string) {
  const signIn = await requestAt(url, graphql(`mutation EmbeddedStartResearcher($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`), {
    e: DEMO_USERS.reptiles.email,
    p: DEMO_PASSWORD,
  });
  const result = await requestAt(
    url,
    graphql(`
      query EmbeddedStartSharedFlock($title: String!) {
        researchProjects(query: $title, first: 1) { edges { node { title myRole grants { species } } } }
        animals(first: 500, filter: { species: "Sheep" }) { edges { node { visibility owner { name } measurements { trait } } } }
      }
    `),
    { title: DEMO_PROJECT_TITLE },
    signIn.data!.signIn.token,
  );
  return { project: result.data!.researchProjects.edges[0]?.node, sheep: result.data!.animals.edges.map((e) => e.node) };
}

/** The demo flock's finished evaluation, as its farmer sees it. */
async function demoEvaluation(url: string) {
  const signIn = await requestAt(url, graphql(`mutation EmbeddedStartFarmSignIn($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`), {
    e: DEMO_USERS.sheep.email,
    p: DEMO_PASSWORD,
  });
  const result = await requestAt(
    url,
    graphql(`query EmbeddedStartEvaluation {
      evaluationRuns { status trait { id } records }
      geneticTrend(species: "sheep", trait: "weaning_weight") { year animals }
      farmsNear(latitude: 55.6, longitude: -2.8, km: 25) { farm { name groups { name } } }
    }`),
    {},
    signIn.data!.signIn.token,
  );
  return result.data!;
}

afterAll(async () => {
  if (running) await stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start on embedded defaults', () => {
  it('starts embedded PostgreSQL and DynamoDB, loads demo data once, and serves the cross-subgraph query', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'studbook-start-'));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its folder
    const env = { PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(await freePort()), DATA_DIR: dataDir };

    const url = await start(env);
    expect(running!.output()).toContain('REDIS_URL not set: using the in-process cache');
    expect(running!.output()).toContain(DEMO_USERS.reptiles.email);
    const herd = await demoHerd(url);
    expect(herd.length).toBeGreaterThanOrEqual(60);
    // The web app, built by npm start when missing or stale, at the gateway's root.
    expect(running!.output()).toContain(`Open the app at ${new URL('/', url)}`);
    const app = await fetch(new URL('/', url), { headers: { accept: 'text/html' } });
    expect(await app.text()).toContain('<div id="root"></div>');
    expect(herd.every((a) => a.owner!.name === DEMO_USERS.reptiles.organizationName && a.species.commonName === 'Ball python')).toBe(true);
    expect(herd.filter((a) => a.sire).length).toBeGreaterThan(50);
    expect(herd.filter((a) => a.listing).length).toBeGreaterThan(0);
    // Demo photos: a cover for every listed animal, and more public ones (renditions may still be in the making).
    expect(herd.filter((a) => a.media.some((m) => m.isCover)).length).toBeGreaterThanOrEqual(12);
    expect(herd.filter((a) => a.listing && !a.media.some((m) => m.isCover)).map((a) => a.name)).toEqual([]);
    // One completed sale, its animal already the sheep farm's.
    expect(herd.sales).toEqual([{ state: 'COMPLETED', soldAnimal: { name: expect.any(String) } }]);
    // The sheep farm's research project shares its PRIVATE flock, with measurements, with the reptile keeper.
    const shared = await sharedFlock(url);
    expect(shared.project).toEqual({ title: DEMO_PROJECT_TITLE, myRole: 'ANALYST', grants: [{ species: 'sheep' }] });
    expect(shared.sheep.length).toBeGreaterThanOrEqual(63);
    // The flock is the sheep farm's, PRIVATE but for the two rams it lists for sale (the demo marketplace).
    expect(shared.sheep.every((a) => a.owner!.name === DEMO_USERS.sheep.organizationName)).toBe(true);
    expect(shared.sheep.filter((a) => a.visibility === 'PRIVATE').length).toBeGreaterThanOrEqual(61);
    expect(shared.sheep.filter((a) => a.measurements.length > 0).length).toBe(40);
    // The sheep flock's weaning weights, evaluated once at seed time: 40 lambs of 2023 and 2024, their 23 parents of 2019.
    const evaluation = await demoEvaluation(url);
    expect(evaluation.evaluationRuns).toEqual([{ status: 'SUCCEEDED', trait: { id: 'weaning_weight' }, records: 40 }]);
    expect(evaluation.geneticTrend.map((point) => [point.year, point.animals])).toEqual([
      [2019, 23],
      [2023, 20],
      [2024, 20],
    ]);
    // The flock's farm in the Scottish Borders, found near Melrose, with its breeding flock and a group per lamb crop.
    expect(evaluation.farmsNear.map(({ farm }) => [farm.name, farm.groups.map((g) => g.name)])).toEqual([
      [DEMO_FARM_NAME, ['Breeding flock', 'Lambs 2023', 'Lambs 2024']],
    ]);
    // Ctrl-C: the conventional 130 after SIGINT, with the embedded PostgreSQL stopped too.
    expect(await stop()).toBe(130);
    expect(await portOpen(Number(env.EMBEDDED_POSTGRES_PORT))).toBe(false);

    const again = await start(env);
    expect(running!.output()).toContain('demo data already present');
    const herdAgain = await demoHerd(again);
    expect(herdAgain.length).toBe(herd.length);
    expect(herdAgain.sales).toHaveLength(1);
    expect((await demoEvaluation(again)).evaluationRuns).toHaveLength(1);
    expect(await stop()).toBe(130);
    expect(await portOpen(Number(env.EMBEDDED_POSTGRES_PORT))).toBe(false);
  }, 300_000);
});
