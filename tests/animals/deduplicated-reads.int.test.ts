import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { createAnimal, newOrganization, type Member } from '../support/gateway-client.js';
import { dataAt } from '../support/operations.js';
import { graphql } from '../__generated__/index.js';

// The same text for everyone: only the caller tells the answers apart.
const MINE = graphql(`query DeduplicatedReadsMine { animals(first: 10, filter: { mine: true }) { edges { node { name owner { name } } } } }`);
const DEDUPLICATED = 'studbook_gateway_deduplicated_fetches_total';

// A platform of its own, so its counter of shared subgraph reads sees only this file's requests.
let platform: RunningPlatform;
let alpha: Member;
let beta: Member;

beforeAll(async () => {
  platform = await startCountingPlatform('deduplicated-reads');
  [alpha, beta] = await Promise.all([newOrganization('Dedupe Alpha'), newOrganization('Dedupe Beta')]);
  await Promise.all([createAnimal(alpha, { name: 'Alpha Only Pastel' }), createAnimal(beta, { name: 'Beta Only Clown' })]);
}, 60_000);

afterAll(async () => {
  await platform?.stop();
});

describe('identical subgraph reads in flight at once', () => {
  it('are shared only among requests of one caller: two users sending the same query at once each get only their own data', async () => {
    const shared = () => platform.metrics.get(DEDUPLICATED, { subgraph: 'animal' });
    const before = shared();
    // Interleaved, all at once: were answers shared across callers, some would come back with the other's animals.
    const callers = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? alpha : beta));
    const answers = await Promise.all(callers.map((caller) => dataAt(platform.gatewayUrl, MINE, {}, caller.token)));

    answers.forEach((answer, i) => {
      const expected =
        callers[i] === alpha ? { name: 'Alpha Only Pastel', owner: { name: 'Dedupe Alpha Org' } } : { name: 'Beta Only Clown', owner: { name: 'Dedupe Beta Org' } };
      expect(answer.animals.edges.map((edge) => edge.node)).toEqual([expected]);
    });
    // The sharing did happen, so the answers above were not kept apart merely by timing.
    expect(shared() - before).toBeGreaterThan(0);
  });
});
