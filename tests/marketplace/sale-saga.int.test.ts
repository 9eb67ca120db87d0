import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';
import { emitSaleCompleted, eventually, type Sale as SaleCompleted } from './sale-events.js';

const CREATE_LISTING = graphql(`
  mutation SaleSagaCreateListing($input: CreateListingInput!) { createListing(input: $input) { id status } }
`);
const WITHDRAW_LISTING = graphql(`mutation SaleSagaWithdrawListing($id: ID!) { withdrawListing(id: $id) { id status } }`);
const LISTING = graphql(`query SaleSagaListing($id: ID!) { listing(id: $id) { id status } }`);
const SEARCH = graphql(`query SaleSagaSearch($seller: ID!) { searchListings(filter: { seller: $seller }) { edges { node { id } } } }`);
const RESERVE = graphql(
  `mutation SaleSagaReserve($listingId: ID!, $idempotencyKey: String) { reserveListing(listingId: $listingId, idempotencyKey: $idempotencyKey) { id state price currency expiresAt reason completedAt seller { id } buyer { id } listing { id status } animal { id } soldAnimal { name species sex genesInOneCopy genesInTwoCopies } history { state at reason } } }`,
);
const ACCEPT = graphql(
  `mutation SaleSagaAccept($id: ID!) { acceptReservation(id: $id) { id state price currency expiresAt reason completedAt seller { id } buyer { id } listing { id status } animal { id } soldAnimal { name species sex genesInOneCopy genesInTwoCopies } history { state at reason } } }`,
);
const DECLINE = graphql(
  `mutation SaleSagaDecline($id: ID!, $reason: String!) { declineReservation(id: $id, reason: $reason) { id state price currency expiresAt reason completedAt seller { id } buyer { id } listing { id status } animal { id } soldAnimal { name species sex genesInOneCopy genesInTwoCopies } history { state at reason } } }`,
);
const COMPLETE = graphql(
  `mutation SaleSagaComplete($saleId: ID!) { completeSale(saleId: $saleId) { id state price currency expiresAt reason completedAt seller { id } buyer { id } listing { id status } animal { id } soldAnimal { name species sex genesInOneCopy genesInTwoCopies } history { state at reason } } }`,
);
const CANCEL = graphql(
  `mutation SaleSagaCancel($id: ID!, $reason: String) { cancelSale(id: $id, reason: $reason) { id state price currency expiresAt reason completedAt seller { id } buyer { id } listing { id status } animal { id } soldAnimal { name species sex genesInOneCopy genesInTwoCopies } history { state at reason } } }`,
);
const SALE = graphql(
  `query SaleSagaSale($id: ID!) { sale(id: $id) { id state price currency expiresAt reason completedAt seller { id } buyer { id } listing { id status } animal { id } soldAnimal { name species sex genesInOneCopy genesInTwoCopies } history { state at reason } } }`,
);
const MY_SALES = graphql(
  `query SaleSagaMySales($state: [SaleState!]) { mySales(state: $state) { edges { node { id state price currency expiresAt reason completedAt seller { id } buyer { id } listing { id status } animal { id } soldAnimal { name species sex genesInOneCopy genesInTwoCopies } history { state at reason } } } pageInfo { hasNextPage } } }`,
);
const MY_PURCHASES = graphql(
  `query SaleSagaMyPurchases($state: [SaleState!]) { myPurchases(state: $state) { edges { node { id state price currency expiresAt reason completedAt seller { id } buyer { id } listing { id status } animal { id } soldAnimal { name species sex genesInOneCopy genesInTwoCopies } history { state at reason } } } } }`,
);
const ANIMAL = graphql(`
  query SaleSagaAnimal($id: ID!) {
    animal(id: $id) {
      id name owner { id } inbreedingCoefficient genotype { notation } sire { id } dam { id }
      pedigree(generations: 3) { completeness nodes { position animal { id } } }
    }
  }
`);
const MY_ANIMALS = graphql(`query SaleSagaMyAnimals { animals(first: 100) { edges { node { id } } } }`);
const SET_GENOTYPE = graphql(`mutation SaleSagaGenotype($id: ID!) { setGenotype(animalId: $id, genotype: "Pastel Het Clown") { id } }`);
const RENAME = graphql(`mutation SaleSagaRename($id: ID!, $name: String!) { updateAnimal(id: $id, input: { name: $name }) { id name } }`);
const HIDE = graphql(`mutation SaleSagaHide($id: ID!) { updateAnimal(id: $id, input: { visibility: PRIVATE }) { id } }`);
const DELETE_ANIMAL = graphql(`mutation SaleSagaDeleteAnimal($id: ID!) { deleteAnimal(id: $id) }`);

type Sale = NonNullable<Awaited<ReturnType<typeof saleAs>>>;
const saleAs = async (member: Member, id: string) => (await gqlData(SALE, { id }, member.token)).sale;
const errorOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => {
  const [error] = response.errors ?? [];
  return error && { code: error.extensions?.code, field: error.extensions?.field };
};
const statesOf = (sale: Sale) => sale.history.map((entry) => entry.state);

let seller: Member;
let buyer: Member;
let rival: Member;
let onlooker: Member;

beforeAll(async () => {
  [seller, buyer, rival, onlooker] = await Promise.all([
    newOrganization('Sale seller'),
    newOrganization('Sale buyer'),
    newOrganization('Sale rival'),
    newOrganization('Sale onlooker'),
  ]);
});

async function listedAnimal(name: string, input: Record<string, unknown> = {}) {
  const animal = await createAnimal(seller, { name, sex: 'FEMALE', visibility: 'PUBLIC', hatchDate: '2022-05-01', ...input });
  const { createListing } = await gqlData(CREATE_LISTING, { input: { animalId: animal.id, price: 850, currency: 'EUR' } }, seller.token);
  return { animalId: animal.id, listingId: createListing.id };
}

const listingStatus = async (member: Member, id: string) => (await gqlData(LISTING, { id }, member.token)).listing?.status;
const searchIds = async () => (await gqlData(SEARCH, { seller: seller.organizationId }, onlooker.token)).searchListings.edges.map((edge) => edge.node.id);

/** What commerce holds of these organisations, and every sale.completed event: what a refused request must leave as it was. */
async function footprint() {
  const [sellerRows, buyerRows, events] = await Promise.all([
    tenantFootprint('commerce', seller.organizationId),
    tenantFootprint('commerce', buyer.organizationId),
    asAdmin('commerce', `select count(*)::int as n from outbox where event_type = 'sale.completed'`),
  ]);
  return { sellerRows, buyerRows, saleEvents: events[0].n };
}

describe('a marketplace sale: reserve, accept, complete', () => {
  const id: Record<string, string> = {};

  beforeAll(async () => {
    const pub = { visibility: 'PUBLIC' as const };
    id.grandsire = (await createAnimal(seller, { name: 'Sale grandsire', sex: 'MALE', hatchDate: '2015-05-01', ...pub })).id;
    id.sire = (await createAnimal(seller, { name: 'Sale sire', sex: 'MALE', hatchDate: '2018-05-01', sireId: id.grandsire, ...pub })).id;
    id.dam = (await createAnimal(seller, { name: 'Sale dam', sex: 'FEMALE', hatchDate: '2018-05-01', sireId: id.grandsire, ...pub })).id;
    const sold = await createAnimal(seller, { name: 'Sold Pastel', sex: 'FEMALE', hatchDate: '2022-05-01', sireId: id.sire, damId: id.dam, ...pub });
    id.animal = sold.id;
    await gqlData(SET_GENOTYPE, { id: id.animal }, seller.token);
    id.listing = (await gqlData(CREATE_LISTING, { input: { animalId: id.animal, price: 1250, currency: 'EUR' } }, seller.token)).createListing.id;
  });

  it('moves the animal to the buyer with pedigree and F unchanged, shows both sides the sale, and the seller the animal as sold', async () => {
    const before = (await gqlData(ANIMAL, { id: id.animal }, seller.token)).animal!;
    expect(before.inbreedingCoefficient).toBeCloseTo(0.125, 10);
    await eventually(searchIds, (ids) => ids.includes(id.listing), 'the listing in search');

    const { reserveListing: reserved } = await gqlData(RESERVE, { listingId: id.listing }, buyer.token);
    expect(reserved).toMatchObject({ state: 'RESERVED', price: 1250, currency: 'EUR', seller: { id: seller.organizationId }, buyer: { id: buyer.organizationId } });
    expect(reserved.listing).toEqual({ id: id.listing, status: 'RESERVED' });
    // The default hold: 48 hours from now.
    expect(new Date(reserved.expiresAt!).getTime() - Date.now()).toBeGreaterThan(47.9 * 3_600_000);
    id.sale = reserved.id;
    await eventually(searchIds, (ids) => !ids.includes(id.listing), 'the reserved listing to leave search');

    const { acceptReservation: accepted } = await gqlData(ACCEPT, { id: id.sale }, seller.token);
    expect(accepted).toMatchObject({ state: 'ACCEPTED', expiresAt: null, listing: { status: 'RESERVED' } });

    const { completeSale: completed } = await gqlData(COMPLETE, { saleId: id.sale }, seller.token);
    expect(completed.state).toBe('TRANSFER_PENDING');
    expect(completed.listing?.status).toBe('SOLD');
    const soldAnimal = { name: 'Sold Pastel', species: 'Ball python', sex: 'FEMALE', genesInOneCopy: ['Clown', 'Pastel'], genesInTwoCopies: [] };
    expect(completed.soldAnimal).toEqual(soldAnimal);

    const done = await eventually(
      () => saleAs(buyer, id.sale),
      (sale) => sale?.state === 'COMPLETED',
      'the sale to complete',
    );
    expect(statesOf(done!)).toEqual(['RESERVED', 'ACCEPTED', 'TRANSFER_PENDING', 'COMPLETED']);
    expect(new Date(done!.completedAt!).getTime()).toBe(new Date(done!.history[2].at).getTime());

    const after = (await gqlData(ANIMAL, { id: id.animal }, buyer.token)).animal!;
    expect(after).toMatchObject({ owner: { id: buyer.organizationId }, genotype: { notation: 'Pastel Het Clown' }, sire: { id: id.sire }, dam: { id: id.dam } });
    expect(after.pedigree).toEqual(before.pedigree);
    expect(after.inbreedingCoefficient).toBe(before.inbreedingCoefficient);
    const collection = (await gqlData(MY_ANIMALS, {}, buyer.token)).animals.edges.map((edge) => edge.node.id);
    expect(collection).toContain(id.animal);

    // The buyer owns it now: they may edit it, the seller may not.
    expect((await gql(RENAME, { id: id.animal, name: 'Bought Pastel' }, buyer.token)).errors).toBeUndefined();
    expect(errorOf(await gql(RENAME, { id: id.animal, name: 'Taken back' }, seller.token))?.code).toBe('FORBIDDEN');

    // The seller still sees the animal as it was sold, after the buyer renamed it.
    const sold = (await gqlData(MY_SALES, { state: ['COMPLETED'] }, seller.token)).mySales.edges.map((edge) => edge.node);
    expect(sold.map((sale) => sale.id)).toEqual([id.sale]);
    expect(sold[0]).toMatchObject({ state: 'COMPLETED', price: 1250, soldAnimal, buyer: { id: buyer.organizationId } });
    const bought = (await gqlData(MY_PURCHASES, {}, buyer.token)).myPurchases.edges.map((edge) => edge.node.id);
    expect(bought).toEqual([id.sale]);
    expect((await gqlData(MY_PURCHASES, { state: ['RESERVED', 'ACCEPTED'] }, buyer.token)).myPurchases.edges).toEqual([]);
    expect((await gqlData(MY_SALES, {}, buyer.token)).mySales.edges).toEqual([]);

    // Once the buyer makes the animal private, the seller's sale shows it as sold and no more.
    await gqlData(HIDE, { id: id.animal }, buyer.token);
    expect(await saleAs(seller, id.sale)).toMatchObject({ animal: null, soldAnimal });
    expect((await saleAs(buyer, id.sale))?.animal).toEqual({ id: id.animal });

    // Nobody else sees the sale, in the service or under RLS.
    expect(await saleAs(onlooker, id.sale)).toBeNull();
    expect((await gqlData(MY_PURCHASES, {}, onlooker.token)).myPurchases.edges).toEqual([]);
    expect(await listingStatus(onlooker, id.listing)).toBe('SOLD');
  });

  it('transfers exactly once when sale.completed is delivered again, and ends the sale once', async () => {
    const [event] = await asAdmin('commerce', `select payload from outbox where event_type = 'sale.completed' and aggregate_id = $1`, [id.sale]);
    await emitSaleCompleted(inject('serviceDatabaseUrls').commerce, event.payload as SaleCompleted, 2);
    // A later sale through the same stream: once it is handled, the repeats before it have been too.
    const later = await listedAnimal('Sale marker');
    const sale = (await gqlData(RESERVE, { listingId: later.listingId }, buyer.token)).reserveListing;
    await gqlData(ACCEPT, { id: sale.id }, seller.token);
    await gqlData(COMPLETE, { saleId: sale.id }, seller.token);
    await eventually(
      () => saleAs(seller, sale.id),
      (row) => row?.state === 'COMPLETED',
      'the later sale to complete',
    );

    const transfers = await asAdmin('animal', 'select outcome from animal_transfers where sale_id = $1', [id.sale]);
    expect(transfers).toEqual([{ outcome: 'TRANSFERRED' }]);
    const answers = await asAdmin('animal', `select count(*)::int as n from outbox where event_type = 'animal.transferred' and payload ->> 'saleId' = $1`, [id.sale]);
    expect(answers[0].n).toBe(1);
    expect(statesOf((await saleAs(seller, id.sale))!)).toEqual(['RESERVED', 'ACCEPTED', 'TRANSFER_PENDING', 'COMPLETED']);
  });

  it('refuses a sold listing, completing twice, and steps by the wrong side, writing nothing', async () => {
    const start = await footprint();
    expect(errorOf(await gql(RESERVE, { listingId: id.listing }, rival.token))).toEqual({ code: 'CONFLICT', field: 'listingId' });
    expect(errorOf(await gql(COMPLETE, { saleId: id.sale }, seller.token))).toEqual({ code: 'CONFLICT', field: 'saleId' });
    expect(errorOf(await gql(CANCEL, { id: id.sale }, buyer.token))).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(errorOf(await gql(COMPLETE, { saleId: id.sale }, onlooker.token))).toEqual({ code: 'NOT_FOUND', field: 'saleId' });
    expect(await footprint()).toEqual(start);
  });
});

describe('two buyers reserving the same listing at once', () => {
  it('lets exactly one win; the other gets a CONFLICT and nothing of theirs is written', async () => {
    for (let round = 0; round < 3; round++) {
      const { listingId } = await listedAnimal(`Raced ${round}`);
      const answers = await Promise.all([gql(RESERVE, { listingId }, buyer.token), gql(RESERVE, { listingId }, rival.token)]);
      const won = answers.filter((answer) => answer.data?.reserveListing);
      const lost = answers.filter((answer) => answer.errors);
      expect(won).toHaveLength(1);
      expect(lost.map(errorOf)).toEqual([{ code: 'CONFLICT', field: 'listingId' }]);
      const rows = await asAdmin('commerce', 'select buyer_organization_id from sales where listing_id = $1', [listingId]);
      expect(rows).toEqual([{ buyer_organization_id: won[0].data!.reserveListing.buyer.id }]);
    }
  });
});

describe('a reservation retried with its idempotency key', () => {
  it('answers with the first reservation and writes nothing more, even when the retries race; another listing under the key is a CONFLICT', async () => {
    const { listingId } = await listedAnimal('Retried');
    const idempotencyKey = randomUUID();
    const answers = await Promise.all([1, 2].map(() => gqlData(RESERVE, { listingId, idempotencyKey }, buyer.token)));
    const again = await gqlData(RESERVE, { listingId, idempotencyKey }, buyer.token);
    expect(new Set([...answers, again].map((answer) => answer.reserveListing.id)).size).toBe(1);
    expect(await asAdmin('commerce', 'select count(*)::int as n from sales where listing_id = $1', [listingId])).toEqual([{ n: 1 }]);
    const other = await listedAnimal('Other under the same key');
    expect(errorOf(await gql(RESERVE, { listingId: other.listingId, idempotencyKey }, buyer.token))).toEqual({ code: 'CONFLICT', field: 'idempotencyKey' });
    // Without the key, a second reservation by the same buyer is refused as any other.
    expect(errorOf(await gql(RESERVE, { listingId }, buyer.token))).toEqual({ code: 'CONFLICT', field: 'listingId' });
  });
});

describe('a sale that ends before completion', () => {
  it('puts the listing back on the market when the seller declines, the buyer cancels, or the reservation lapses', async () => {
    const { listingId } = await listedAnimal('Declined');
    const first = (await gqlData(RESERVE, { listingId }, buyer.token)).reserveListing;
    const declined = (await gqlData(DECLINE, { id: first.id, reason: '  Already promised to a friend ' }, seller.token)).declineReservation;
    expect(declined).toMatchObject({ state: 'DECLINED', reason: 'Already promised to a friend', listing: { status: 'ACTIVE' } });
    expect(declined.history.at(-1)).toMatchObject({ state: 'DECLINED', reason: 'Already promised to a friend' });

    const second = (await gqlData(RESERVE, { listingId }, buyer.token)).reserveListing;
    await gqlData(ACCEPT, { id: second.id }, seller.token);
    const cancelled = (await gqlData(CANCEL, { id: second.id, reason: null }, buyer.token)).cancelSale;
    expect(cancelled).toMatchObject({ state: 'CANCELLED', reason: null, listing: { status: 'ACTIVE' } });
    await eventually(searchIds, (ids) => ids.includes(listingId), 'the listing back in search');

    const third = (await gqlData(RESERVE, { listingId }, buyer.token)).reserveListing;
    // The hold passes (48 hours, moved into the past here): at once the sale reads EXPIRED and the listing ACTIVE.
    await asAdmin('commerce', `update sales set expires_at = now() - interval '1 second' where id = $1`, [third.id]);
    await asAdmin('commerce', `update listings set reserved_until = now() - interval '1 second' where id = $1`, [listingId]);
    await asAdmin('commerce', `update listing_search set held_until = now() - interval '1 second' where id = $1`, [listingId]);
    expect(await saleAs(buyer, third.id)).toMatchObject({ state: 'EXPIRED', expiresAt: null, listing: { status: 'ACTIVE' } });
    expect(statesOf((await saleAs(seller, third.id))!)).toEqual(['RESERVED', 'EXPIRED']);
    expect(errorOf(await gql(ACCEPT, { id: third.id }, seller.token))).toEqual({ code: 'CONFLICT', field: 'id' });
    expect((await gqlData(MY_PURCHASES, { state: ['EXPIRED'] }, buyer.token)).myPurchases.edges.map((edge) => edge.node.id)).toContain(third.id);
    // Search reads the hold the same way, with nothing written: the listing is found again.
    await eventually(searchIds, (ids) => ids.includes(listingId), 'the lapsed listing in search');

    // Another buyer may reserve it now; the lapsed reservation is stored as what it read.
    const fourth = (await gqlData(RESERVE, { listingId }, rival.token)).reserveListing;
    expect(fourth.state).toBe('RESERVED');
    expect(await asAdmin('commerce', 'select state from sales where id = $1', [third.id])).toEqual([{ state: 'EXPIRED' }]);
  });

  it('ends as TRANSFER_FAILED, visible to both, when the animal was deleted before the transfer', async () => {
    const { animalId, listingId } = await listedAnimal('Deleted meanwhile');
    const sale = (await gqlData(RESERVE, { listingId }, buyer.token)).reserveListing;
    await gqlData(ACCEPT, { id: sale.id }, seller.token);
    await gqlData(DELETE_ANIMAL, { id: animalId }, seller.token);
    const completed = (await gqlData(COMPLETE, { saleId: sale.id }, seller.token)).completeSale;
    // Its facts come from the listing's copy once the animal is gone.
    expect(completed.soldAnimal?.name).toBe('Deleted meanwhile');
    for (const member of [buyer, seller]) {
      const failed = await eventually(
        () => saleAs(member, sale.id),
        (row) => row?.state === 'TRANSFER_FAILED',
        'the failed transfer',
      );
      // The sale keeps what was sold; its reference to the animal shows no more than the animal (gone).
      expect(failed).toMatchObject({ reason: 'ANIMAL_DELETED', animal: null, soldAnimal: { name: 'Deleted meanwhile' } });
      expect(statesOf(failed!)).toEqual(['RESERVED', 'ACCEPTED', 'TRANSFER_PENDING', 'TRANSFER_FAILED']);
    }
  });
});

describe('bad sale requests', () => {
  it('each gets its code and field, and writes nothing: no row, no audit, no event', async () => {
    const { listingId } = await listedAnimal('Bad input');
    const draft = (
      await gqlData(
        CREATE_LISTING,
        { input: { animalId: (await createAnimal(seller, { name: 'Draft', visibility: 'PUBLIC' })).id, price: 10, currency: 'EUR', status: 'DRAFT' } },
        seller.token,
      )
    ).createListing;
    const withdrawn = await listedAnimal('Withdrawn');
    await gqlData(WITHDRAW_LISTING, { id: withdrawn.listingId }, seller.token);
    const expired = await listedAnimal('Expired');
    await asAdmin('commerce', `update listings set expires_at = now() - interval '1 second' where id = $1`, [expired.listingId]);
    const reserved = (await gqlData(RESERVE, { listingId }, buyer.token)).reserveListing;

    const start = await footprint();
    const cases: [Promise<Parameters<typeof errorOf>[0]>, { code: string; field: string }][] = [
      [gql(RESERVE, { listingId }, seller.token), { code: 'BAD_USER_INPUT', field: 'listingId' }],
      [gql(RESERVE, { listingId: draft.id }, buyer.token), { code: 'NOT_FOUND', field: 'listingId' }],
      [gql(RESERVE, { listingId: withdrawn.listingId }, buyer.token), { code: 'CONFLICT', field: 'listingId' }],
      [gql(RESERVE, { listingId: expired.listingId }, buyer.token), { code: 'CONFLICT', field: 'listingId' }],
      [gql(RESERVE, { listingId }, rival.token), { code: 'CONFLICT', field: 'listingId' }],
      [gql(RESERVE, { listingId: 'not-an-id' }, buyer.token), { code: 'BAD_USER_INPUT', field: 'listingId' }],
      [gql(COMPLETE, { saleId: reserved.id }, seller.token), { code: 'CONFLICT', field: 'saleId' }],
      [gql(ACCEPT, { id: reserved.id }, buyer.token), { code: 'FORBIDDEN', field: 'id' }],
      [gql(COMPLETE, { saleId: reserved.id }, buyer.token), { code: 'FORBIDDEN', field: 'id' }],
      [gql(ACCEPT, { id: reserved.id }, onlooker.token), { code: 'NOT_FOUND', field: 'id' }],
      [gql(CANCEL, { id: reserved.id }, onlooker.token), { code: 'NOT_FOUND', field: 'id' }],
      [gql(DECLINE, { id: reserved.id, reason: '   ' }, seller.token), { code: 'BAD_USER_INPUT', field: 'reason' }],
      [gql(CANCEL, { id: reserved.id, reason: 'x'.repeat(501) }, buyer.token), { code: 'BAD_USER_INPUT', field: 'reason' }],
    ];
    for (const [answer, expected] of cases) {
      const response = await answer;
      expect(errorOf(response)).toEqual(expected);
      expect(JSON.stringify(response.errors)).not.toMatch(/sales|studbook_|select|at .*\.ts/i);
    }
    expect(await footprint()).toEqual(start);
    expect(await saleAs(buyer, reserved.id)).toMatchObject({ state: 'RESERVED', history: [{ state: 'RESERVED' }] });
  });
});
