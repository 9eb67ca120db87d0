import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

const SEARCH = graphql(`
  query LineageMetricsSearch($filter: ListingFilter) { searchListings(filter: $filter, first: 50) { edges { node { id animal { inbreedingCoefficient } } } } }
`);
const CREATE = graphql(`mutation LineageMetricsCreateListing($input: CreateListingInput!) { createListing(input: $input) { id } }`);
const SET_PARENTS = graphql(
  `mutation LineageMetricsSetParents($id: ID!, $sire: ID, $dam: ID) { setParents(animalId: $id, sireId: $sire, damId: $dam) { id inbreedingCoefficient } }`,
);

let breeder: Member;
let buyer: Member;

const within = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
};

beforeAll(async () => {
  [breeder, buyer] = await Promise.all([newOrganization('Lineage breeder'), newOrganization('Lineage buyer')]);
});

const found = async (filter: Record<string, unknown>) =>
  (await gqlData(SEARCH, { filter: { seller: breeder.organizationId, ...filter } }, buyer.token)).searchListings.edges.map((edge) => edge.node.id);

describe('animal.lineageMetricsChanged', () => {
  it("keeps the max-F and completeness filters true when a listed animal's parents change", async () => {
    const animal = (name: string, sex: 'MALE' | 'FEMALE', hatchDate: string) => createAnimal(breeder, { name, sex, hatchDate, visibility: 'PUBLIC' });
    const [grandsire, granddam] = [await animal('Grandsire', 'MALE', '2015-01-01'), await animal('Granddam', 'FEMALE', '2015-01-01')];
    const [brother, sister] = [await animal('Brother', 'MALE', '2018-01-01'), await animal('Sister', 'FEMALE', '2018-01-01')];
    for (const sibling of [brother, sister]) await gqlData(SET_PARENTS, { id: sibling.id, sire: grandsire.id, dam: granddam.id }, breeder.token);
    const offspring = await animal('Inbred', 'MALE', '2022-01-01');
    const listingId = (await gqlData(CREATE, { input: { animalId: offspring.id, price: 300, currency: 'EUR' } }, breeder.token)).createListing.id;
    await within(async () => (await found({ maxInbreeding: 0.1 })).includes(listingId), 'the founder-like listing to be found with F 0');

    const { setParents } = await gqlData(SET_PARENTS, { id: offspring.id, sire: brother.id, dam: sister.id }, breeder.token);
    expect(setParents.inbreedingCoefficient).toBe(0.25);

    await within(async () => !(await found({ maxInbreeding: 0.1 })).includes(listingId), 'the full-sib offspring to leave maxInbreeding 0.1');
    expect(await found({ maxInbreeding: 0.25, minCompleteness: 0.1 })).toContain(listingId);
    expect(await asAdmin('commerce', 'select inbreeding from listings where id = $1', [listingId])).toEqual([{ inbreeding: 0.25 }]);
    const events = await asAdmin('animal', `select payload from outbox where aggregate_id = $1 and event_type = 'animal.lineageMetricsChanged'`, [offspring.id]);
    expect(events.map((row) => row.payload)).toEqual([{ id: offspring.id, inbreeding: 0.25, completeness: expect.any(Number) }]);

    await gqlData(SET_PARENTS, { id: offspring.id, sire: null, dam: null }, breeder.token);
    await within(async () => (await found({ maxInbreeding: 0 })).includes(listingId), 'the cleared animal to be found with F 0 again');
  });

  it("announces nothing of a private animal's F", async () => {
    const [sire, dam] = [
      await createAnimal(breeder, { name: 'Private sire', sex: 'MALE', hatchDate: '2019-01-01' }),
      await createAnimal(breeder, { name: 'Private dam', sex: 'FEMALE', hatchDate: '2019-01-01' }),
    ];
    const child = await createAnimal(breeder, { name: 'Private child', sex: 'MALE', hatchDate: '2023-01-01' });
    await gqlData(SET_PARENTS, { id: child.id, sire: sire.id, dam: dam.id }, breeder.token);
    expect(await asAdmin('animal', `select 1 from outbox where aggregate_id = $1 and event_type = 'animal.lineageMetricsChanged'`, [child.id])).toEqual([]);
  });
});
