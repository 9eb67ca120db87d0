import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQL_STATEMENTS_METRIC } from '@studbook/platform';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { dataAt, type VariablesAndToken } from '../support/operations.js';
import type { TypedDocumentString } from '../__generated__/graphql.js';
import { graphql } from '../__generated__/index.js';

// A platform of its own, so its statement counter sees only this file's requests.
let platform: RunningPlatform;
let token: string;

const data = <R, V>(document: TypedDocumentString<R, V>, variables: V) => dataAt(platform.gatewayUrl, document, ...([variables, token] as VariablesAndToken<V>));

const GENOTYPES_OF_MY_ANIMALS = graphql(`
  query GenotypesOfMyAnimals($first: Int) { animals(first: $first, filter: { mine: true }) { edges { node { name genotype { notation possibleHets { label } } } } } }
`);

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
  const result = await data(GENOTYPES_OF_MY_ANIMALS, { first });
  expect(result.animals.edges).toHaveLength(first);
  for (const { node } of result.animals.edges) expect(node.genotype!.notation).toBe(GENOTYPES[Number(node.name.split(' ')[1]) % GENOTYPES.length]);
  return platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' }) - before;
}

beforeAll(async () => {
  platform = await startCountingPlatform('genotype-batching');
  const signUp = await dataAt(platform.gatewayUrl, graphql(`mutation GenotypeBatchingSignUp($input: SignUpInput!) { signUp(input: $input) { token } }`), {
    input: { email: `genotypes-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Counter', organizationName: 'Genotype Farm' },
  });
  token = signUp.signUp.token;
  for (let i = 0; i < 60; i += 1) {
    const { createAnimal } = await data(graphql(`mutation GenotypeBatchingAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`), {
      input: { name: `Snake ${i}`, species: 'Ball python', sex: i % 2 ? ('MALE' as const) : ('FEMALE' as const) },
    });
    await data(graphql(`mutation GenotypeBatchingSetGenotype($id: ID!, $genotype: String!) { setGenotype(animalId: $id, genotype: $genotype) { id } }`), {
      id: createAnimal.id,
      genotype: GENOTYPES[i % GENOTYPES.length],
    });
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
    // One round trip (the read, with the tenant set ahead of it) for the list and one for all genotypes.
    expect(sixty).toBeLessThanOrEqual(2);
  });
});
