import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createLogger, SQL_STATEMENTS_METRIC, type Metrics } from '@studbook/platform';
import { startPlatform, type RunningPlatform } from '../../embedded/src/platform.js';
import { graphqlRequest } from '../support/gateway-client.js';

// A platform of its own, so its statement counters see only this file's requests.
let platform: RunningPlatform;
let token: string;

async function data(query: string, variables: Record<string, unknown> = {}) {
  const result = await graphqlRequest(platform.gatewayUrl, query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

/** Creates many things in one request: aliased mutations run one after another. */
async function batch(field: string, inputType: string, inputs: Record<string, unknown>[]) {
  const fields = inputs.map((_, i) => `r${i}: ${field}(input: $i${i}) { id }`).join('\n');
  const params = inputs.map((_, i) => `$i${i}: ${inputType}!`).join(', ');
  const result = await data(`mutation(${params}) { ${fields} }`, Object.fromEntries(inputs.map((input, i) => [`i${i}`, input])));
  return inputs.map((_, i) => result[`r${i}`].id as string);
}

function statementsByPool(metrics: Metrics): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of metrics.render().matchAll(new RegExp(`^${SQL_STATEMENTS_METRIC}\\{pool="(\\w+)"\\} (\\d+)$`, 'gm'))) counts[match[1]] = Number(match[2]);
  return counts;
}

async function statementsFor(query: string): Promise<Record<string, number>> {
  const before = statementsByPool(platform.metrics);
  const result = await data(query);
  const after = statementsByPool(platform.metrics);
  expect(result.animals.edges.length).toBeGreaterThan(0);
  return Object.fromEntries(['animal', 'commerce', 'research'].map((pool) => [pool, (after[pool] ?? 0) - (before[pool] ?? 0)]));
}

const listQuery = (first: number) => `{ animals(first: ${first}, filter: { mine: true }) { edges { node {
  name species { commonName } sire { name } dam { name } owner { name } listing { price } measurements { trait value }
} } } }`;

beforeAll(async () => {
  platform = await startPlatform({
    postgresAdminUrl: inject('postgresAdminUrl'),
    databasePrefix: new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1).replace(/_animal$/, ''),
    appRole: 'studbook_app',
    appPassword: 'studbook_app',
    redisUrl: inject('redisUrl') || undefined,
    dynamo: { endpoint: inject('dynamoEndpoint'), region: 'local', tableName: 'studbook-test' },
    identitySecret: inject('identitySecret'),
    gateway: { port: 0 },
    logger: createLogger('statement-count', { silent: true }),
  });
  const signUp = await graphqlRequest(platform.gatewayUrl, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
    input: { email: `counter-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Counter', organizationName: 'Counting Farm' },
  });
  token = signUp.data!.signUp.token;
  const parents = await batch('createAnimal', 'CreateAnimalInput', Array.from({ length: 20 }, (_, i) => ({ name: `Parent ${i}`, species: 'Sheep', sex: i % 2 ? 'FEMALE' : 'MALE', hatchDate: '2015-03-01' })));
  const offspring: string[] = [];
  for (let chunk = 0; chunk < 4; chunk++) {
    const inputs = Array.from({ length: 50 }, (_, i) => ({
      name: `Lamb ${chunk * 50 + i}`,
      species: 'Sheep',
      sex: i % 2 ? 'FEMALE' : 'MALE',
      hatchDate: '2020-04-01',
      visibility: 'PUBLIC',
      sireId: parents[(i % 10) * 2],
      damId: parents[(i % 10) * 2 + 1],
    }));
    offspring.push(...(await batch('createAnimal', 'CreateAnimalInput', inputs)));
  }
  for (let chunk = 0; chunk < 4; chunk++) {
    const ids = offspring.slice(chunk * 50, chunk * 50 + 50);
    await batch('createListing', 'CreateListingInput', ids.map((animalId, i) => ({ animalId, price: 100 + i, currency: 'GBP' })));
    await batch('recordMeasurement', 'RecordMeasurementInput', ids.map((animalId, i) => ({ animalId, trait: 'weaning_weight', value: 20 + i / 10, unit: 'kg' })));
  }
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

describe('DataLoader batching across the federation', () => {
  it('costs the same number of SQL statements per subgraph for 200 animals as for 20', async () => {
    await statementsFor(listQuery(5)); // warm up connections
    const twenty = await statementsFor(listQuery(20));
    const twoHundred = await statementsFor(listQuery(200));
    expect(twoHundred).toEqual(twenty);
    // One transaction (begin, tenant, query, commit) per batch: the list, then sire and dam together.
    expect(twoHundred.animal).toBeLessThanOrEqual(8);
    expect(twoHundred.commerce).toBeLessThanOrEqual(4);
    expect(twoHundred.research).toBeLessThanOrEqual(4);
  });

  it('resolves every field of every animal in the list', async () => {
    const result = await data(listQuery(200));
    const nodes = result.animals.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(200);
    for (const node of nodes) {
      expect(node.sire?.name).toMatch(/^Parent/);
      expect(node.dam?.name).toMatch(/^Parent/);
      expect(node.owner).toEqual({ name: 'Counting Farm' });
      expect(node.listing?.price).toBeGreaterThanOrEqual(100);
      expect(node.measurements).toHaveLength(1);
    }
  });
});
