import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQL_STATEMENTS_METRIC } from '@studbook/platform';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { dataAt, requestAt } from '../support/operations.js';
import { flockQuery, seedFlock, type FlockPage } from '../support/seed-flock.js';
import { graphql } from '../__generated__/index.js';

// A platform of its own, so its statement counters see only this file's requests.
let platform: RunningPlatform;
let token: string;
let offspring: string[];

const ONE_ANIMAL = graphql(`query StatementCountOneAnimal($id: ID!) { animal(id: $id) {
  name species { commonName } sire { name } owner { name } listing { price } measurements { trait value }
} }`);

// Both queries of this file list animals (built at run time for their page size, so typed here).
const data = async (query: string) => (await dataAt(platform.gatewayUrl, query, {}, token)) as FlockPage;

/** Per pool, the fewest of three runs: a relay's poll (animal, research) lands now and then, and only ever adds. */
async function statementsFor(query: string): Promise<Record<string, number>> {
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < 3; i++) runs.push(await statementsOf(async () => expect((await data(query)).animals.edges.length).toBeGreaterThan(0)));
  return Object.fromEntries(Object.keys(runs[0]).map((pool) => [pool, Math.min(...runs.map((run) => run[pool]))]));
}

async function statementsOf(request: () => Promise<unknown>): Promise<Record<string, number>> {
  const pools = ['animal', 'commerce', 'research'];
  const count = (pool: string) => platform.metrics.get(SQL_STATEMENTS_METRIC, { pool });
  const before = pools.map(count);
  await request();
  return Object.fromEntries(pools.map((pool, i) => [pool, count(pool) - before[i]]));
}

beforeAll(async () => {
  platform = await startCountingPlatform('statement-count');
  const signUp = await requestAt(platform.gatewayUrl, graphql(`mutation StatementCountSignUp($input: SignUpInput!) { signUp(input: $input) { token } }`), {
    input: { email: `counter-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Counter', organizationName: 'Counting Farm' },
  });
  token = signUp.data!.signUp.token;
  offspring = (await seedFlock(platform.gatewayUrl, token, 200)).offspring;
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

describe('DataLoader batching across the federation', () => {
  it('costs the same number of SQL statements per subgraph for 200 animals as for 20', async () => {
    await statementsFor(flockQuery(5)); // warm up connections
    const twenty = await statementsFor(flockQuery(20));
    const twoHundred = await statementsFor(flockQuery(200));
    expect(twoHundred).toEqual(twenty);
    // One round trip per batch (the read, with the tenant set ahead of it): the list, then sire and dam together.
    expect(twoHundred.animal).toBeLessThanOrEqual(2);
    expect(twoHundred.commerce).toBeLessThanOrEqual(1);
    expect(twoHundred.research).toBeLessThanOrEqual(1);
  });

  it('reads one animal with every federated field in two animal round trips: the animal, then its sire, each with the tenant set ahead', async () => {
    const one = (id: string) => statementsOf(async () => expect((await dataAt(platform.gatewayUrl, ONE_ANIMAL, { id }, token)).animal?.sire?.name).toMatch(/^Parent/));
    await one(offspring[0]); // warm up connections
    // The fewest of three: the outbox relay polls the animal pool now and then, which only ever adds.
    const runs = [await one(offspring[1]), await one(offspring[2]), await one(offspring[3])];
    const counts = runs.reduce((fewest, run) => (run.animal < fewest.animal ? run : fewest));
    expect(counts.animal).toBeLessThanOrEqual(2);
    expect(counts.commerce).toBeLessThanOrEqual(1);
    expect(counts.research).toBeLessThanOrEqual(1);
  });

  it('checks the animals behind 200 listings and measurements with one animal directory call each, as for 20', async () => {
    // Listing.animal and Measurement.animal ask the animal subgraph, as the caller, whether each animal is still visible.
    const references = (first: number) => `{
      listings(first: ${first}) { edges { node { price animal { id name } } } }
      animals(first: ${first}, filter: { mine: true }) { edges { node { measurements { animal { id } } } } }
    }`;
    await statementsFor(references(5));
    const twenty = await statementsFor(references(20));
    const twoHundred = await statementsFor(references(200));
    expect(twoHundred).toEqual(twenty);
    // Animal: the list, commerce's and research's directory calls, and the gateway's fetch of the listed animals' names.
    expect(twoHundred.animal).toBeLessThanOrEqual(4);
    expect(twoHundred.commerce).toBeLessThanOrEqual(1);
    expect(twoHundred.research).toBeLessThanOrEqual(1);
  });

  it('resolves every field of every animal in the list', async () => {
    const result = await data(flockQuery(200));
    const nodes = result.animals.edges.map((e) => e.node);
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
