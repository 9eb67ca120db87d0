import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataAt, requestAt } from '../support/operations.js';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { graphql } from '../__generated__/index.js';

// A platform of this file's own: stopping its commerce subgraph must not disturb other files.
let platform: RunningPlatform;
let token: string;
let listingId: string;
const email = `outage-${randomUUID()}@example.test`;
const password = 'correct horse battery';

beforeAll(async () => {
  platform = await startCountingPlatform('subgraph-outage');
  const signUp = await dataAt(platform.gatewayUrl, graphql(`mutation SubgraphOutageSignUp($input: SignUpInput!) { signUp(input: $input) { token } }`), {
    input: { email, password, name: 'Outage Keeper', organizationName: 'Outage Org' },
  });
  token = signUp.signUp.token;
  for (const name of ['Listed pastel', 'Unlisted clown']) {
    const { createAnimal } = await dataAt(
      platform.gatewayUrl,
      graphql(`mutation SubgraphOutageCreateAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`),
      { input: { name, species: 'Ball python', sex: 'FEMALE', visibility: 'PUBLIC' } },
      token,
    );
    if (name.startsWith('Listed')) {
      const listing = await dataAt(
        platform.gatewayUrl,
        graphql(`mutation SubgraphOutageCreateListing($input: CreateListingInput!) { createListing(input: $input) { id } }`),
        { input: { animalId: createAnimal.id, price: 250, currency: 'EUR' } },
        token,
      );
      listingId = listing.createListing.id;
    }
  }
});

afterAll(() => platform?.stop());

const HERD = graphql(`query SubgraphOutageHerd { animals(first: 10, filter: { mine: true }) { edges { node { name listing { price } } } } }`);

describe('a subgraph that is down', () => {
  it('costs only its own fields: the rest arrives, each missing field has a retryable error at its path, and it recovers', async () => {
    const healthy = await requestAt(platform.gatewayUrl, HERD, {}, token);
    expect(healthy.errors).toBeUndefined();
    const listed = healthy.data!.animals.edges.map((e) => e.node);
    expect(listed.map((n) => [n.name, n.listing?.price ?? null]).sort()).toEqual([
      ['Listed pastel', 250],
      ['Unlisted clown', null],
    ]);

    const commerce = await platform.stopSubgraph('commerce');
    const during = await requestAt(platform.gatewayUrl, HERD, {}, token);
    expect(during.status).toBe(200);
    expect(during.data!.animals.edges.map((e) => e.node)).toEqual(listed.map((n) => ({ name: n.name, listing: null })));
    expect(during.errors).toEqual(
      listed.map((_, i) => ({
        message: expect.any(String),
        path: ['animals', 'edges', i, 'node', 'listing'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', retryable: true },
      })),
    );
    expect(JSON.stringify(during.errors)).not.toMatch(/commerce|ECONNREFUSED|127\.0\.0\.1|fetch failed/i);

    // A root field of the stopped subgraph: its error points at the field, the other root field arrives.
    const mixed = await requestAt(platform.gatewayUrl, graphql(`query SubgraphOutageMe($id: ID!) { me { name } listing(id: $id) { price } }`), { id: listingId }, token);
    expect(mixed.data).toEqual({ me: { name: 'Outage Keeper' }, listing: null });
    expect(mixed.errors).toEqual([expect.objectContaining({ path: ['listing'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', retryable: true } })]);

    await commerce.restart();
    const after = await requestAt(platform.gatewayUrl, HERD, {}, token);
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(healthy.data);
  });

  it('answers 503 SUBGRAPH_UNAVAILABLE, not 401 or 500, while sessions cannot be checked, and recovers', async () => {
    // A session the gateway has never resolved, so it is in no cache and must be looked up.
    const { signIn } = await dataAt(
      platform.gatewayUrl,
      graphql(`mutation SubgraphOutageSignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`),
      { email, password },
    );
    const user = await platform.stopSubgraph('user');
    const during = await requestAt(platform.gatewayUrl, HERD, {}, signIn.token);
    expect([during.status, during.errors?.[0]?.extensions]).toEqual([503, { code: 'SUBGRAPH_UNAVAILABLE', retryable: true }]);
    await user.restart();
    const after = await requestAt(platform.gatewayUrl, HERD, {}, signIn.token);
    expect([after.status, after.errors]).toEqual([200, undefined]);
  });
});
