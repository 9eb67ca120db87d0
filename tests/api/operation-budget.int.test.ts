import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQL_STATEMENTS_METRIC } from '@studbook/platform';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { dataAt, requestAt } from '../support/operations.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { connect, subscribe } from '../realtime/ws-client.js';
import { graphql } from '../__generated__/index.js';

/**
 * The attacks of issue 9, sent as a client would, each refused before anything runs: no SQL
 * statement reaches any subgraph's database (a platform of its own, so only this file's requests
 * move its counters). The default budget (gateway/src/policy.ts) is the one under test.
 */
let platform: RunningPlatform;
let token: string;
let animalId: string;

const SEVEN_GENES = 'Pastel Enchi Cinnamon Fire Leopard Het Clown Het Piebald';
const aliased = (count: number, field: (i: number) => string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`;

/** Each bomb, the code it is refused with, and what it asks beside the limit (signed in). */
const bombs = () => [
  {
    name: '100 aliases of predictOffspring on a seven-gene genotype',
    query: aliased(100, () => `predictOffspring(sire: { genotype: "${SEVEN_GENES}" }, dam: { genotype: "${SEVEN_GENES}" }) { outcomes { name } }`),
    refusal: { code: 'OPERATION_TOO_EXPENSIVE', cost: 100 * (10 * 4096 + 4096), limit: 200_000 },
  },
  {
    name: '10,000 aliases of species { id }',
    query: aliased(10_000, () => 'species { id }'),
    refusal: { code: 'TOO_MANY_TOKENS', limit: 10_000 },
  },
  {
    name: '50 aliased descendants',
    query: aliased(50, () => `animal(id: "${animalId}") { descendants(generations: 10) { generation animal { name } } }`),
    refusal: { code: 'OPERATION_TOO_EXPENSIVE', cost: 50 * (1 + 10_000 + 10_000), limit: 200_000 },
  },
  {
    name: '300 aliased pedigree(generations: 30)',
    query: aliased(300, () => `animal(id: "${animalId}") { pedigree(generations: 30) { nodes { position animal { name } } } }`),
    refusal: { code: 'TOO_MANY_ALIASES', cost: 300, limit: 256 },
  },
  {
    name: '250 aliased pedigree(generations: 30), within the alias limit',
    query: aliased(250, () => `animal(id: "${animalId}") { pedigree(generations: 30) { nodes { position } } }`),
    refusal: { code: 'OPERATION_TOO_EXPENSIVE', cost: 250 * 32_768, limit: 100_000 },
  },
  {
    name: 'a pedigree fan-out: animals(first: 100) { pedigree(generations: 12) }',
    query: '{ animals(first: 100) { edges { node { pedigree(generations: 12) { completeness nodes { position animal { name } } } } } } }',
    refusal: { code: 'OPERATION_TOO_EXPENSIVE', cost: 100 * 8_190, limit: 100_000 },
  },
  {
    name: '201 kinship fields',
    query: aliased(201, () => `kinship(a: "${animalId}", b: "${animalId}")`),
    refusal: { code: 'OPERATION_TOO_EXPENSIVE', cost: 201, limit: 200 },
  },
  {
    name: '500 copies of species { id } (no alias; validation compares them pairwise)',
    query: `{ ${Array.from({ length: 500 }, () => 'species { id }').join(' ')} }`,
    refusal: { code: 'DOCUMENT_TOO_COMPLEX', cost: 499, limit: 100 },
  },
  {
    name: '1,500 operations in one document (each validated, run or not)',
    query: Array.from({ length: 1_500 }, (_, i) => `query q${i} { __typename }`).join(' '),
    refusal: { code: 'DOCUMENT_TOO_COMPLEX', cost: 1_500, limit: 100 },
  },
  {
    name: '51 directives',
    query: `{ animal(id: "${animalId}") { ${Array.from({ length: 51 }, () => 'name @include(if: true)').join(' ')} } }`,
    refusal: { code: 'TOO_MANY_DIRECTIVES', cost: 51, limit: 50 },
  },
];

/**
 * The SQL statements a refused request sent: the fewest over three sends (a refusal changes
 * nothing, so it can be sent again), since this platform's background work (event consumers
 * hearing other test files' events on the shared Redis, periodic sweeps) moves the same counters.
 */
async function statementsDuring<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const pools = ['animal', 'commerce', 'research'];
  const count = () => pools.reduce((sum, pool) => sum + platform.metrics.get(SQL_STATEMENTS_METRIC, { pool }), 0);
  let fewest: { result: T; statements: number } | undefined;
  for (let attempt = 0; attempt < 3 && fewest?.statements !== 0; attempt++) {
    const before = count();
    const result = await work();
    const statements = count() - before;
    if (!fewest || statements < fewest.statements) fewest = { result, statements };
  }
  return fewest!;
}

beforeAll(async () => {
  platform = await startCountingPlatform('operation-budget');
  const signUp = await dataAt(platform.gatewayUrl, graphql(`mutation OperationBudgetSignUp($input: SignUpInput!) { signUp(input: $input) { token } }`), {
    input: { email: `budget-${randomUUID()}@example.test`, password: 'correct horse battery', name: 'Budget', organizationName: 'Budget Farm' },
  });
  token = signUp.signUp.token;
  const created = await dataAt(
    platform.gatewayUrl,
    graphql(`mutation OperationBudgetCreateAnimal { createAnimal(input: { name: "Budget founder", species: "Ball python", sex: MALE }) { id } }`),
    {},
    token,
  );
  animalId = created.createAnimal.id;
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

describe('operation budgets over HTTP', () => {
  for (const index of bombs().keys()) {
    it(`refuses ${bombs()[index].name} with its code, cost and limit, and sends no SQL`, async () => {
      const bomb = bombs()[index];
      const { result, statements } = await statementsDuring(() => requestAt(platform.gatewayUrl, bomb.query, {}, token));
      expect(result.status).toBe(400);
      expect(result.data).toBeUndefined();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toEqual(bomb.refusal);
      expect(statements).toBe(0);
    });
  }

  it('prices the variables an operation is sent with', async () => {
    const query = `query($id: ID!, $g: Int) { ${Array.from({ length: 4 }, (_, i) => `a${i}: animal(id: $id) { pedigree(generations: $g) { nodes { position } } }`).join(' ')} }`;
    const ten = await requestAt(platform.gatewayUrl, query, { id: animalId, g: 10 }, token);
    expect(ten.errors).toBeUndefined();
    expect((ten.data as Record<string, { pedigree: { nodes: unknown[] } }>).a3.pedigree.nodes).toEqual([{ position: 'S' }, { position: 'D' }]);
    const { result: thirty, statements } = await statementsDuring(() => requestAt(platform.gatewayUrl, query, { id: animalId, g: 30 }, token));
    expect(thirty.errors![0].extensions).toEqual({ code: 'OPERATION_TOO_EXPENSIVE', cost: 4 * 32_768, limit: 100_000 });
    expect(statements).toBe(0);
  });

  it('gives an anonymous caller a smaller budget than a signed-in one for the same operation', async () => {
    const query = graphql(`query OperationBudgetDescendants($id: ID!) { animal(id: $id) { descendants { generation animal { name } } } }`);
    const { result: anonymous, statements } = await statementsDuring(() => requestAt(platform.gatewayUrl, query, { id: animalId }));
    expect(anonymous.status).toBe(400);
    expect(anonymous.errors![0].extensions).toEqual({ code: 'OPERATION_TOO_EXPENSIVE', cost: 20_001, limit: 20_000 });
    expect(anonymous.errors![0].message).toMatch(/sign in/i);
    expect(statements).toBe(0);
    const signedIn = await requestAt(platform.gatewayUrl, query, { id: animalId }, token);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data).toEqual({ animal: { descendants: [] } });
  });

  it("still answers the README's ten-generation pedigree and 200 kinship fields", async () => {
    const pedigree = await requestAt(
      platform.gatewayUrl,
      graphql(
        `query OperationBudgetAnimals { animals(first: 1, filter: { mine: true }) { edges { node { name inbreedingCoefficient pedigree(generations: 10) { completeness nodes { position generation animal { name } } } } } } }`,
      ),
      {},
      token,
    );
    expect(pedigree.errors).toBeUndefined();
    const kinships = await requestAt(
      platform.gatewayUrl,
      aliased(200, () => `kinship(a: "${animalId}", b: "${animalId}")`),
      {},
      token,
    );
    expect(kinships.errors).toBeUndefined();
    expect((kinships.data as Record<string, number>).a199).toBe(0.5);
  });
});

describe('operation budgets over graphql-ws', () => {
  it('refuses every bomb as a query on the socket, with the same code, cost and limit, and sends no SQL', async () => {
    const socket = connect(platform.gatewayUrl, token);
    try {
      for (const bomb of bombs()) {
        const { result: ended, statements } = await statementsDuring(() => subscribe(socket.client, bomb.query).ended());
        expect(
          (ended.error as { extensions: unknown }[] | undefined)?.map((error) => error.extensions),
          bomb.name,
        ).toEqual([bomb.refusal]);
        expect(statements, bomb.name).toBe(0);
      }
    } finally {
      await socket.dispose();
    }
  });

  it('refuses a subscription whose selection is over budget before it joins any feed', async () => {
    const socket = connect(platform.gatewayUrl, token);
    try {
      const query = `subscription { breedingSessionEvents(sessionId: "${randomUUID()}") { session { sire { offspring { offspring { name } } } } } }`;
      const { result: ended, statements } = await statementsDuring(() => subscribe(socket.client, query).ended());
      expect((ended.error as { extensions: unknown }[]).map((error) => error.extensions)).toEqual([
        { code: 'OPERATION_TOO_EXPENSIVE', cost: 1 + 1 + 1 + 10_000 + 100_000_000, limit: 200_000 },
      ]);
      expect(statements).toBe(0);
    } finally {
      await socket.dispose();
    }
  });
});
