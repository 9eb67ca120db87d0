import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SQL_STATEMENTS_METRIC } from '@studbook/platform';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { graphql } from '../__generated__/index.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { createAnimal, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { dataAt } from '../support/operations.js';
import { photoWithGps, uploadPhoto } from './media-client.js';

const SEARCH_PAGE = graphql(`
  query MediaListingSearchPage($seller: ID!, $first: Int) {
    searchListings(filter: { seller: $seller }, first: $first) {
      totalCount
      edges { node { id title price animal { id name coverPhoto { id thumbnailUrl } } } }
    }
  }
`);
const LISTING_COVER = graphql(`query MediaListingCover($id: ID!) { listing(id: $id) { id animal { id coverPhoto { id thumbnailUrl } } } }`);
const PEDIGREE_COVERS = graphql(`
  query MediaPedigreeCovers($id: ID!) { animal(id: $id) { id sire { id name coverPhoto { id } } pedigree(generations: 1) { nodes { position animal { name coverPhoto { id } } } } } }
`);
const CREATE_LISTING = graphql(`mutation MediaCreateListing($input: CreateListingInput!) { createListing(input: $input) { id } }`);
const SET_COVER = graphql(`mutation MediaListingSetCover($id: ID!) { setCoverPhoto(id: $id) { id } }`);
const SET_VISIBILITY = graphql(`mutation MediaListingVisibility($id: ID!, $input: UpdateAnimalInput!) { updateAnimal(id: $id, input: $input) { id } }`);

const PAGE = 20;
const gatewayUrl = () => inject('gatewayUrl');

// A platform of its own, so only this file's requests move the counters read here.
let platform: RunningPlatform;
let seller: Member;
let buyer: Member;
const listings: { listingId: string; animalId: string; coverId: string }[] = [];

/** The gateway's fetches from each subgraph so far, as its latency histogram counts them. */
async function subgraphFetches(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const match of (await platform.metrics.render()).matchAll(/^studbook_gateway_subgraph_fetch_duration_seconds_count\{([^}]*)\} (\d+)/gm)) {
    const subgraph = /subgraph="([^"]+)"/.exec(match[1])![1];
    counts[subgraph] = (counts[subgraph] ?? 0) + Number(match[2]);
  }
  return counts;
}

async function during<T>(work: () => Promise<T>) {
  const fetchesBefore = await subgraphFetches();
  const statementsBefore = platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' });
  const result = await work();
  const fetchesAfter = await subgraphFetches();
  const fetches = Object.fromEntries(
    Object.entries(fetchesAfter)
      .map(([name, n]) => [name, n - (fetchesBefore[name] ?? 0)])
      .filter(([, n]) => n !== 0),
  );
  return { result, fetches, animalStatements: platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' }) - statementsBefore };
}

beforeAll(async () => {
  platform = await startCountingPlatform('listing-cover-photo');
  [seller, buyer] = await Promise.all([newOrganization('Cover Seller'), newOrganization('Cover Buyer')]);
  const photo = await photoWithGps(64, 48);
  for (let i = 0; i < PAGE; i++) {
    const animal = await createAnimal(seller, { name: `Cover Python ${i}`, sex: 'MALE', visibility: 'PUBLIC' });
    const first = await uploadPhoto(gatewayUrl(), seller.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' });
    const second = await uploadPhoto(gatewayUrl(), seller.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' });
    // The second photo made the cover on even animals: the cover wins over position.
    const coverId = i % 2 === 0 ? second.id : first.id;
    if (i % 2 === 0) await gqlData(SET_COVER, { id: coverId }, seller.token);
    const { createListing } = await gqlData(CREATE_LISTING, { input: { animalId: animal.id, price: 100 + i, currency: 'EUR' } }, seller.token);
    listings.push({ listingId: createListing.id, animalId: animal.id, coverId });
  }
  // The search projection is fed by events: wait until every listing is found.
  for (let attempt = 0; ; attempt++) {
    const { searchListings } = await dataAt(platform.gatewayUrl, SEARCH_PAGE, { seller: seller.organizationId, first: PAGE }, buyer.token);
    if (searchListings.totalCount === PAGE) break;
    if (attempt > 200) throw new Error(`search found ${searchListings.totalCount} of ${PAGE} listings`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 120_000);
afterAll(() => platform?.stop());

describe('photos in listings', () => {
  it("shows each listed animal's cover thumbnail on a search page of 20, from one animal fetch whatever the page size", async () => {
    const page = await during(() => dataAt(platform.gatewayUrl, SEARCH_PAGE, { seller: seller.organizationId, first: PAGE }, buyer.token));
    const edges = page.result.searchListings.edges;
    expect(edges).toHaveLength(PAGE);
    const coverOf = new Map(listings.map((l) => [l.animalId, l.coverId]));
    for (const { node } of edges) expect(node.animal?.coverPhoto?.id, node.animal?.name).toBe(coverOf.get(node.animal!.id));
    // One fetch per subgraph: the search from commerce, then every animal with its cover photo from animal in one _entities batch.
    expect(page.fetches).toEqual({ commerce: 1, animal: 1 });

    const thumbnail = await fetch(edges[0].node.animal!.coverPhoto!.thumbnailUrl!);
    expect(thumbnail.status).toBe(200);
    expect(await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).toMatchObject({ format: 'webp', width: 64 });

    // The animal database's work does not grow with the page: one result costs what twenty do. The
    // fewest of three tries, as this platform's background jobs (the media cleanup follows every
    // platform's animal.deleted events) may add a statement to any one of them.
    const fewest = async (first: number) => {
      const tries = [];
      for (let i = 0; i < 3; i++) tries.push(await during(() => dataAt(platform.gatewayUrl, SEARCH_PAGE, { seller: seller.organizationId, first }, buyer.token)));
      for (const attempt of tries) expect(attempt.fetches).toEqual({ commerce: 1, animal: 1 });
      return Math.min(...tries.map((attempt) => attempt.animalStatements));
    };
    expect(await fewest(PAGE)).toBe(await fewest(1));
  });

  it('never shows a photo of an animal made PRIVATE or LINEAGE, through its listing or its place in a pedigree', async () => {
    const [privateOne, lineageOne] = [listings[PAGE - 1], listings[PAGE - 2]];
    const before = await gqlData(LISTING_COVER, { id: lineageOne.listingId }, buyer.token);
    expect(before.listing?.animal?.coverPhoto?.id).toBe(lineageOne.coverId);
    // The buyer bred from the LINEAGE one while it was public: it stays named in the buyer's pedigree.
    const offspring = await createAnimal(buyer, { name: 'Cover Offspring', sireId: lineageOne.animalId });

    await gqlData(SET_VISIBILITY, { id: privateOne.animalId, input: { visibility: 'PRIVATE' } }, seller.token);
    await gqlData(SET_VISIBILITY, { id: lineageOne.animalId, input: { visibility: 'LINEAGE' } }, seller.token);
    for (const { listingId } of [privateOne, lineageOne]) {
      const { listing } = await gqlData(LISTING_COVER, { id: listingId }, buyer.token);
      expect(listing?.animal ?? null, listingId).toBeNull();
    }
    const { animal } = await gqlData(PEDIGREE_COVERS, { id: offspring.id }, buyer.token);
    expect(animal?.sire).toMatchObject({ name: 'Cover Python 18', coverPhoto: null });
    expect(animal?.pedigree.nodes.find((node) => node.position === 'S')?.animal).toMatchObject({ name: 'Cover Python 18', coverPhoto: null });
    // The seller still sees its own.
    expect((await gqlData(LISTING_COVER, { id: lineageOne.listingId }, seller.token)).listing?.animal?.coverPhoto?.id).toBe(lineageOne.coverId);
  });
});
