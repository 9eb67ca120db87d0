import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQL_STATEMENTS_METRIC } from '@studbook/platform';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { graphqlData } from '../../embedded/src/graphql-client.js';

// A platform of its own, so its statement counter sees only this file's requests.
let platform: RunningPlatform;
let token: string;

const data = (query: string, variables: Record<string, unknown> = {}) => graphqlData(platform.gatewayUrl, query, variables, token);

// Already in the notation setGenotype stores, so the test can compare what it reads back.
const GENOTYPES = ['Pastel Het Clown', 'Clown 66% Het Piebald', 'Lesser Mojave', 'Enchi Super Pastel', 'Normal', 'Spider Het Albino'];

/**
 * The fewest animal-pool statements over three runs: the outbox relay polls the same pool every
 * second, and its statements can only add to a run's count, never take from it.
 */
async function animalStatements(first: number): Promise<number> {
  const counts = [];
  for (let run = 0; run < 3; run += 1) counts.push(await statementsOfOneRun(first));
  return Math.min(...counts);
}

async function statementsOfOneRun(first: number): Promise<number> {
  const before = platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' });
  const result = await data(`{ animals(first: ${first}, filter: { mine: true }) { edges { node { name genotype { notation possibleHets { label } } } } } }`);
  expect(result.animals.edges).toHaveLength(first);
  for (const { node } of result.animals.edges) expect(node.genotype.notation).toBe(GENOTYPES[Number(node.name.split(' ')[1]) % GENOTYPES.length]);
  return platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' }) - before;
}

beforeAll(async () => {
  platform = await startCountingPlatform('genotype-batching');
  const signUp = await graphqlData<{ signUp: { token: string } }>(platform.gatewayUrl, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
    input: { email: `genotypes-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Counter', organizationName: 'Genotype Farm' },
  });
  token = signUp.signUp.token;
  for (let i = 0; i < 60; i += 1) {
    const { createAnimal } = await data('mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }', {
      input: { name: `Snake ${i}`, species: 'Ball python', sex: i % 2 ? 'MALE' : 'FEMALE' },
    });
    await data('mutation($id: ID!, $genotype: String!) { setGenotype(animalId: $id, genotype: $genotype) { id } }', { id: createAnimal.id, genotype: GENOTYPES[i % GENOTYPES.length] });
  }
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

describe('Animal.genotype batching', () => {
  it('costs the same number of SQL statements for 60 animals as for 6', async () => {
    await animalStatements(2); // warm up connections
    const six = await animalStatements(6);
    const sixty = await animalStatements(60);
    expect(sixty).toBe(six);
    // One transaction (begin, tenant, query, commit) for the list and one for all genotypes.
    expect(sixty).toBeLessThanOrEqual(8);
  });
});
