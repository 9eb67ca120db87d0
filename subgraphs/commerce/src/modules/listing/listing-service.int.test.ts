import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, setVisibility, startWithAnimalSubgraph, type ReferencingSubgraphHarness } from '../../../../../tests/support/animal-subgraph-harness.js';
import { errorOf, aMember, type SqlSubgraphHarness } from '../../../../../tests/support/sql-subgraph-harness.js';
import { MemoryCache, MemoryEventBus } from '@studbook/platform';
import { startCommerceSubgraph } from '../../server.js';

const CREATE_LISTING = /* GraphQL */ `
  mutation CreateListing($input: CreateListingInput!) { createListing(input: $input) { id price currency status animal { id } } }
`;
const LISTING = /* GraphQL */ `
  query Listing($id: ID!) { listing(id: $id) { id animal { id } } }
`;
const LISTINGS = /* GraphQL */ `
  query Listings { listings(first: 50) { edges { node { id } } } }
`;

type Member = ReturnType<typeof aMember>;
type AnimalRef = { id: string } | null;
type CreatedListing = { createListing: { id: string; price: number; currency: string; status: string; animal: AnimalRef } };
type ListingById = { listing: { id: string; animal: AnimalRef } | null };
type Listings = { listings: { edges: { node: { id: string } }[] } };

let harness: ReferencingSubgraphHarness;
let commerce: SqlSubgraphHarness;

beforeAll(async () => {
  harness = await startWithAnimalSubgraph('commerce', (deps, listen) =>
    startCommerceSubgraph({ ...deps, cache: new MemoryCache(), events: new MemoryEventBus(deps.logger) }, listen),
  );
  commerce = harness.subgraph;
});

afterAll(() => harness?.stop());

const createListing = (input: Record<string, unknown>, member: Member) => commerce.request<CreatedListing>(CREATE_LISTING, { input }, member);
const listingSeenBy = async (id: string, member?: Member) => (await commerce.request<ListingById>(LISTING, { id }, member)).data!.listing;
const listingIdsSeenBy = async (member: Member) => (await commerce.request<Listings>(LISTINGS, {}, member)).data!.listings.edges.map((edge) => edge.node.id);

async function expectNothingWritten(tenantId: string) {
  const footprint = await commerce.tenantFootprint(tenantId);
  expect(footprint).toHaveProperty('listings', 0);
  expect(Object.entries(footprint).filter(([, rows]) => rows > 0)).toEqual([]);
}

describe('createListing', () => {
  it('puts your own public animal up for sale, with its listing.created event', async () => {
    const seller = aMember();
    const animalId = await createAnimal(harness.animals, seller, 'PUBLIC');

    const response = await createListing({ animalId, price: 250, currency: 'eur' }, seller);

    expect(response.errors).toBeUndefined();
    const listing = response.data!.createListing;
    expect(listing).toEqual({ id: expect.any(String), price: 250, currency: 'EUR', status: 'ACTIVE', animal: { id: animalId } });
    expect(await commerce.asAdmin('select event_type from outbox where aggregate_id = $1', [listing.id])).toEqual([{ event_type: 'listing.created' }]);
  });

  it("refuses another organisation's private animal as not found, and writes nothing", async () => {
    const [owner, stranger] = [aMember(), aMember()];
    const animalId = await createAnimal(harness.animals, owner, 'PRIVATE');

    const response = await createListing({ animalId, price: 250, currency: 'EUR' }, stranger);

    expect(response.data).toBeNull();
    expect(errorOf(response)).toEqual({ code: 'NOT_FOUND', field: 'animalId' });
    await expectNothingWritten(stranger.organizationId);
  });

  it("refuses another organisation's public animal: only its owner may sell it", async () => {
    const [owner, stranger] = [aMember(), aMember()];
    const animalId = await createAnimal(harness.animals, owner, 'PUBLIC');

    const response = await createListing({ animalId, price: 250, currency: 'EUR' }, stranger);

    expect(errorOf(response).code).toBe('FORBIDDEN');
    await expectNothingWritten(stranger.organizationId);
  });

  it('refuses a price with a third decimal on the price field, and writes nothing', async () => {
    const seller = aMember();
    const animalId = await createAnimal(harness.animals, seller, 'PUBLIC');

    const response = await createListing({ animalId, price: 1.005, currency: 'EUR' }, seller);

    expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'price' });
    await expectNothingWritten(seller.organizationId);
  });
});

describe('a listing seen from another organisation', () => {
  it('is on the market while its animal is public, and off it (animal null by id) once private', async () => {
    const [seller, buyer] = [aMember(), aMember()];
    const animalId = await createAnimal(harness.animals, seller, 'PUBLIC');
    const { id } = (await createListing({ animalId, price: 99.5, currency: 'GBP' }, seller)).data!.createListing;

    expect(await listingIdsSeenBy(buyer)).toContain(id);
    expect(await listingSeenBy(id, buyer)).toEqual({ id, animal: { id: animalId } });

    await setVisibility(harness.animals, seller, animalId, 'PRIVATE');

    expect(await listingIdsSeenBy(buyer)).not.toContain(id);
    expect(await listingSeenBy(id, buyer)).toEqual({ id, animal: null });
    expect(await listingIdsSeenBy(seller)).toContain(id);
  });

  it('is not there for a caller without an organisation', async () => {
    const seller = aMember();
    const animalId = await createAnimal(harness.animals, seller, 'PUBLIC');
    const { id } = (await createListing({ animalId, price: 10, currency: 'EUR' }, seller)).data!.createListing;

    expect(await listingSeenBy(id)).toBeNull();
  });
});
