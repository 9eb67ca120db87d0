import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { SERVICE_DATABASES } from '@studbook/drizzle/migrate';
import { generateIdentityKeyPair } from '@studbook/platform';
import { dataAt } from '../support/operations.js';
import { freePort, spawnEntry, stopProcess, waitUntilAnswering, type RunningProcess } from '../support/processes.js';
import { graphql } from '../__generated__/index.js';

const PREFIX = 'studbook_standalone';
const started: RunningProcess[] = [];

async function startService(entry: string, port: number, env: Record<string, string>): Promise<void> {
  const service = spawnEntry(entry, { ...env, PORT: String(port), LOG_SILENT: 'true' });
  started.push(service);
  await waitUntilAnswering(port, service);
}

async function dropDatabases(): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  for (const service of SERVICE_DATABASES) await client.query(`drop database if exists ${PREFIX}_${service} with (force)`);
  await client.end();
}

afterAll(async () => {
  await Promise.all(started.map((service) => stopProcess(service, 'SIGTERM')));
  await dropDatabases();
});

describe('each deployable started on its own, as docker-compose runs them', () => {
  it('migrates, serves, federates through the gateway and stops cleanly on SIGTERM', async () => {
    await dropDatabases();
    const admin = new URL(inject('postgresAdminUrl'));
    const serviceUrl = (service: string) => {
      const url = new URL(admin);
      Object.assign(url, { username: 'studbook_app', password: 'studbook_app', pathname: `/${PREFIX}_${service}` });
      return url.toString();
    };
    const identityKeys = generateIdentityKeyPair();
    const shared = { ...(inject('redisUrl') ? { REDIS_URL: inject('redisUrl') } : {}) };
    // As in docker-compose.yml: the subgraphs get only the public key, the gateway only the private one.
    const subgraph = { ...shared, IDENTITY_PUBLIC_KEY: identityKeys.publicKey };
    const ports = { animal: await freePort(), commerce: await freePort(), research: await freePort(), user: await freePort(), gateway: await freePort() };
    const graphqlUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;

    await Promise.all([
      startService('subgraphs/animal/src/index.ts', ports.animal, {
        ...subgraph,
        DATABASE_URL: serviceUrl('animal'),
        MIGRATE_DATABASE_URL: admin.toString(),
        S3_ENDPOINT: inject('s3Endpoint'),
        S3_BUCKET: 'standalone-media',
      }),
      startService('subgraphs/user/src/index.ts', ports.user, { ...subgraph, DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), DYNAMODB_TABLE: `standalone-${Date.now()}` }),
    ]);
    await Promise.all(
      (['commerce', 'research'] as const).map((name) =>
        startService(`subgraphs/${name}/src/index.ts`, ports[name], {
          ...subgraph,
          DATABASE_URL: serviceUrl(name),
          MIGRATE_DATABASE_URL: admin.toString(),
          ANIMAL_SUBGRAPH_URL: graphqlUrl(ports.animal),
        }),
      ),
    );
    await startService('gateway/src/index.ts', ports.gateway, {
      ...shared,
      IDENTITY_PRIVATE_KEY: identityKeys.privateKey,
      ANIMAL_URL: graphqlUrl(ports.animal),
      COMMERCE_URL: graphqlUrl(ports.commerce),
      RESEARCH_URL: graphqlUrl(ports.research),
      USER_URL: graphqlUrl(ports.user),
    });

    const gateway = graphqlUrl(ports.gateway);
    const { signUp } = await dataAt(gateway, graphql(`mutation StandaloneServicesSignUp($input: SignUpInput!) { signUp(input: $input) { token } }`), {
      input: { email: `standalone-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Solo', organizationName: 'Solo Farm' },
    });
    const { createAnimal } = await dataAt(
      gateway,
      graphql(`mutation StandaloneServicesCreateAnimal { createAnimal(input: { name: "Solo", species: "Sheep", sex: FEMALE, visibility: PUBLIC }) { id } }`),
      {},
      signUp.token,
    );
    await dataAt(
      gateway,
      graphql(`mutation StandaloneServicesCreateListing($id: ID!) { createListing(input: { animalId: $id, price: 90, currency: "EUR" }) { id } }`),
      { id: createAnimal.id },
      signUp.token,
    );
    await dataAt(
      gateway,
      graphql(
        `mutation StandaloneServicesRecordMeasurement($id: ID!) { recordMeasurement(input: { animalId: $id, trait: "body_weight", value: 61.5, unit: "kg" }) { id } }`,
      ),
      { id: createAnimal.id },
      signUp.token,
    );
    const { animal } = await dataAt(
      gateway,
      graphql(`query StandaloneServicesAnimal($id: ID!) { animal(id: $id) { name owner { name } listing { price } measurements { value } } }`),
      { id: createAnimal.id },
      signUp.token,
    );
    expect(animal).toEqual({ name: 'Solo', owner: { name: 'Solo Farm' }, listing: { price: 90 }, measurements: [{ value: 61.5 }] });

    const codes = await Promise.all(started.splice(0).map((service) => stopProcess(service, 'SIGTERM')));
    expect(codes).toEqual([0, 0, 0, 0, 0]);
  }, 300_000);
});
