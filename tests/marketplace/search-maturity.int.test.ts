import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';
import type { Maturity } from '../__generated__/graphql.js';

const SEARCH = graphql(`
  query MaturitySearch($filter: ListingFilter) {
    searchListings(filter: $filter, first: 100) { totalCount edges { node { id animal { id maturity } } } facets { maturity { value count } } }
  }
`);
const SPECIES = graphql(`query MaturitySpecies { species { commonName juvenileFromDays subadultFromDays adultFromDays } }`);
const CREATE = graphql(`mutation MaturityCreateListing($input: CreateListingInput!) { createListing(input: $input) { id } }`);

let seller: Member;
let buyer: Member;
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

/** Hatch dates either side of each of the species' thresholds, and one unknown. */
const AGES_IN_DAYS = [10, 89, 91, 200, 364, 366, 800, 1094, 1096, 3000, null];
const listingsByAge = new Map<string, number | null>();

beforeAll(async () => {
  [seller, buyer] = await Promise.all([newOrganization('Maturity seller'), newOrganization('Maturity buyer')]);
  for (const [i, age] of AGES_IN_DAYS.entries()) {
    const animal = await createAnimal(seller, { name: `Aged ${i}`, visibility: 'PUBLIC', ...(age == null ? {} : { hatchDate: daysAgo(age) }) });
    const { createListing } = await gqlData(CREATE, { input: { animalId: animal.id, price: 200, currency: 'EUR' } }, seller.token);
    listingsByAge.set(createListing.id, age);
  }
});

const search = async (maturity?: Maturity[]) =>
  (await gqlData(SEARCH, { filter: { seller: seller.organizationId, ...(maturity ? { maturity } : {}) } }, buyer.token)).searchListings;

describe('searchListings by maturity', () => {
  it("counts each life stage as a brute-force count over the animals' ages and the species' thresholds", async () => {
    const { species } = await gqlData(SPECIES, {}, buyer.token);
    const python = species.find((s) => s.commonName === 'Ball python')!;
    const stageAt = (age: number) =>
      age >= python.adultFromDays ? 'ADULT' : age >= python.subadultFromDays ? 'SUBADULT' : age >= python.juvenileFromDays ? 'JUVENILE' : 'HATCHLING';
    const expected = new Map<string, number>();
    for (const age of listingsByAge.values()) if (age != null) expected.set(stageAt(age), (expected.get(stageAt(age)) ?? 0) + 1);

    await expect.poll(async () => (await search()).totalCount).toBe(AGES_IN_DAYS.length);
    const result = await search();

    expect(Object.fromEntries(result.facets.maturity.map((f) => [f.value, f.count]))).toEqual(Object.fromEntries(expected));
    // The animal subgraph, asked through the federation, agrees with every projected stage.
    const byAnimal = new Map<string, number>();
    for (const edge of result.edges) if (edge.node.animal?.maturity) byAnimal.set(edge.node.animal.maturity, (byAnimal.get(edge.node.animal.maturity) ?? 0) + 1);
    expect(Object.fromEntries(byAnimal)).toEqual(Object.fromEntries(expected));
  });

  it('filters by any of the stages asked, leaving out animals of unknown hatch date', async () => {
    const adults = await search(['ADULT']);
    expect(adults.edges.map((e) => e.node.animal?.maturity)).toEqual(['ADULT', 'ADULT']);
    const young = await search(['HATCHLING', 'JUVENILE']);
    expect(new Set(young.edges.map((e) => e.node.animal?.maturity))).toEqual(new Set(['HATCHLING', 'JUVENILE']));
    expect(young.totalCount).toBe(5);
  });

  it('refuses a stage that is not one', async () => {
    const response = await gql(SEARCH, { filter: { maturity: ['ELDERLY' as Maturity] } }, buyer.token);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
