import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCommerceSubgraph } from '@studbook/commerce/src/server.js';
import { startSecondInstance } from '../support/second-instance.js';
import { createAnimal, gqlData, newOrganization } from '../support/gateway-client.js';
import { dataAt } from '../support/operations.js';
import { graphql } from '../__generated__/index.js';

const SEARCH = graphql(`query AcrossInstancesSearch($filter: ListingFilter) { searchListings(filter: $filter) { totalCount edges { node { id price } } } }`);
const CREATE = graphql(`mutation AcrossInstancesCreate($input: CreateListingInput!) { createListing(input: $input) { id } }`);
const UPDATE = graphql(`mutation AcrossInstancesUpdate($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id } }`);

/**
 * A second commerce subgraph and gateway beside the test platform's, sharing its PostgreSQL and
 * Redis: what two replicas behind a load balancer are. Search results cached by one must not
 * hide a change written through the other for more than a second.
 */
describe.runIf(inject('redisUrl'))('search across instances', () => {
  let replica: Awaited<ReturnType<typeof startSecondInstance>>;

  beforeAll(async () => {
    replica = await startSecondInstance('commerce', ({ pool, logger, metrics, identityVerifier, cache, bus }) =>
      startCommerceSubgraph({ pool, identityVerifier, logger, metrics, animalSubgraphUrl: inject('subgraphUrls').animal, cache, events: bus }, { port: 0 }),
    );
  });

  afterAll(() => replica?.stop());

  it('shows a price changed through one gateway in the other gateway’s cached search within a second', async () => {
    const [seller, buyer] = await Promise.all([newOrganization('Replica seller'), newOrganization('Replica buyer')]);
    const animal = await createAnimal(seller, { name: 'Replica', visibility: 'PUBLIC' });
    const { createListing } = await gqlData(CREATE, { input: { animalId: animal.id, price: 200, currency: 'EUR' } }, seller.token);
    const filter = { seller: seller.organizationId };
    const priceOnSecond = async () => (await dataAt(replica.gatewayUrl, SEARCH, { filter }, buyer.token)).searchListings.edges[0]?.node.price;
    for (const start = Date.now(); (await priceOnSecond()) !== 200; ) if (Date.now() - start > 2_000) throw new Error('listing never searchable');
    await priceOnSecond(); // now served from the shared cache

    await gqlData(UPDATE, { id: createListing.id, input: { price: 180 } }, seller.token);
    // The promise: visible in search within a second of the mutation, on every instance.
    const start = Date.now();
    let price = await priceOnSecond();
    while (price !== 180 && Date.now() - start < 1_000) price = await priceOnSecond();
    expect(price).toBe(180);
  });
});
