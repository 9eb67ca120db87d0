import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQL_STATEMENTS_METRIC } from '@studbook/platform';
import { dataAt, requestAt } from '../support/operations.js';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { asAdmin } from '../support/postgres.js';
import { seedClosedHerd } from './seed-pedigree.js';
import { graphql } from '../__generated__/index.js';

// A platform of its own, so its statement counter sees only this file's requests.
let platform: RunningPlatform;
let token: string;
let herd: string[][];

const listPedigrees = (first: number, generations: number, extra = '') => `{ animals(first: ${first}, filter: { mine: true }) { edges { node {
  name pedigree(generations: ${generations}) { completeness nodes { position animal { name } } } ${extra}
} } } }`;
/** The same work without the nodes in the response, so deep trees stay quick to measure. */
const listCompleteness = (first: number, generations: number) =>
  `{ animals(first: ${first}, filter: { mine: true }) { edges { node { pedigree(generations: ${generations}) { completeness } } } } }`;

/** An ancestor as a nested sire/dam selection reads it, as deep as it goes. */
interface Ancestor {
  name: string;
  sire: Ancestor;
  dam: Ancestor;
}

/** What listPedigrees answers: it is built at run time (size, depth, extra selection), which codegen cannot type. */
interface PedigreeList {
  animals: { edges: { node: Ancestor & { pedigree: { completeness: number; nodes: { position: string; animal: { name: string } | null }[] } } }[] };
}

/** The statements one request costs, with its answer (typed by the caller: these queries are built at run time). */
async function animalStatements<T>(query: string): Promise<{ statements: number; data: T }> {
  const before = platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' });
  const data = (await dataAt(platform.gatewayUrl, query, {}, token)) as T;
  return { statements: platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' }) - before, data };
}

/**
 * The fewest statements over a few runs: the outbox relay polls the same pool every second, and
 * its statements can only add to a measurement, never take away.
 */
async function fewestStatements<T>(queryFor: (attempt: number) => string, attempts = 4): Promise<{ statements: number; data: T }> {
  let best: { statements: number; data: T } | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const run = await animalStatements<T>(queryFor(attempt));
    if (!best || run.statements < best.statements) best = run;
  }
  return best!;
}

beforeAll(async () => {
  platform = await startCountingPlatform('pedigree-statements');
  const signUp = await requestAt(platform.gatewayUrl, graphql(`mutation PedigreeStatementsSignUp($input: SignUpInput!) { signUp(input: $input) { token } }`), {
    input: { email: `pedigree-counter-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Counter', organizationName: 'Pedigree Counting Farm' },
  });
  token = signUp.data!.signUp.token;
  herd = await seedClosedHerd(platform.gatewayUrl, token, 6, 50);
  // Let the outbox relay publish the seeding's events first: while it works it shares the counted pool.
  for (let i = 0; i < 300; i++) {
    const [{ pending }] = await asAdmin('animal', 'select count(*)::int as pending from outbox where published_at is null');
    if (pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

describe('pedigrees of a whole list', () => {
  it('cost one lineage walk for all the trees: the same statements for 100 animals as for 10', async () => {
    // Each attempt asks one generation deeper than any cached tree, so every one is a cold read.
    const ten = await fewestStatements((attempt) => listCompleteness(10, 5 + attempt));
    const hundred = await fewestStatements((attempt) => listCompleteness(100, 9 + attempt));
    // One round trip (the statement, with the tenant set ahead of it) each: the list and the lineage walk.
    // Only completeness is selected, so no ancestor's details are read.
    expect(ten.statements).toBe(2);
    expect(hundred.statements).toBe(2);
    const five = await animalStatements<PedigreeList>(listPedigrees(100, 5));
    expect(five.data.animals.edges).toHaveLength(100);
    for (const { node } of five.data.animals.edges) {
      expect(node.pedigree.nodes).toHaveLength(62); // five full generations: the herd is closed and complete
      expect(node.pedigree.completeness).toBe(1);
    }
  });

  it('serves cached trees with no lineage walk at all', async () => {
    await animalStatements(listPedigrees(100, 5));
    expect((await fewestStatements(() => listPedigrees(100, 5))).statements).toBe(2);
  });

  it('resolves nested sire/dam selections from the ancestors the pedigree loaded', async () => {
    const alone = await fewestStatements(() => listPedigrees(100, 4));
    const nested = await fewestStatements<PedigreeList>(() => listPedigrees(100, 4, 'sire { name dam { name sire { name } } } dam { dam { name } }'));
    expect(nested.statements).toBe(alone.statements);
    const first = nested.data.animals.edges[0].node;
    const byPosition = Object.fromEntries(first.pedigree.nodes.map((n) => [n.position, n.animal?.name]));
    expect(first.sire.dam.sire.name).toBe(byPosition.SDS);
    expect(first.dam.dam.name).toBe(byPosition.DD);
  });

  it('costs one walk for pedigrees of animals from several lists in one request', async () => {
    const oldest = herd[1].slice(0, 3);
    const query = `{ ${oldest.map((id, i) => `a${i}: animal(id: "${id}") { pedigree(generations: 2) { nodes { position } } }`).join(' ')} }`;
    const result = await fewestStatements<Record<string, { pedigree: { nodes: { position: string }[] } }>>(() => query);
    // The three roots in one batch, then their ancestors' details (the walk was cached by the first run).
    expect(result.statements).toBe(2);
    expect(result.data.a0.pedigree.nodes.map((n) => n.position)).toEqual(['S', 'D', 'SS', 'SD', 'DS', 'DD']);
  });
});

describe('kinship and pairing previews', () => {
  it('share one ancestor walk for every pair asked in one request', async () => {
    const males = herd[6].filter((_, i) => i % 2 === 0);
    const females = herd[6].filter((_, i) => i % 2 === 1);
    const one = await fewestStatements(() => `{ kinship(a: "${males[0]}", b: "${females[0]}") }`);
    const many = await fewestStatements<Record<`k${number}`, number> & Record<`p${number}`, { coefficientOfInbreeding: number }>>(
      () =>
        `{ ${males
          .slice(0, 10)
          .map((m, i) => `k${i}: kinship(a: "${m}", b: "${females[i]}") p${i}: pairingPreview(sireId: "${m}", damId: "${females[i]}") { coefficientOfInbreeding }`)
          .join(' ')} }`,
    );
    // One round trip each: the animals in one batch, the ancestor walk once; the previews add one
    // batch of their common ancestors' details. (Before: one walk per pair, 20 here.)
    expect(one.statements).toBe(2);
    expect(many.statements).toBe(3);
    for (let i = 0; i < 10; i++) expect(many.data[`p${i}`].coefficientOfInbreeding).toBeCloseTo(many.data[`k${i}`], 12);
  });

  it('refuses more than 200 pairs in one request', async () => {
    const pairs = Array.from({ length: 201 }, (_, i) => `k${i}: kinship(a: "${herd[6][0]}", b: "${herd[6][1]}")`).join(' ');
    const result = await requestAt(platform.gatewayUrl, `{ ${pairs} }`, {}, token);
    expect(result.errors?.[0].extensions).toEqual({ code: 'OPERATION_TOO_EXPENSIVE', cost: 201, limit: 200 });
    expect(result.errors?.[0].message).toMatch(/201 kinship or pairing preview fields/);
  });
});
