import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, asServiceRole } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';
import { emitSaleCompleted, eventually, saleOf, sellThroughMarketplace } from './sale-events.js';

const commerceUrl = () => inject('serviceDatabaseUrls').commerce;

const SOLD_ANIMAL = graphql(`
  query OwnershipTransferAnimal($id: ID!) {
    animal(id: $id) {
      id name status externalId visibility owner { id } inbreedingCoefficient genotype { notation }
      sire { id } dam { id }
      pedigree(generations: 3) { completeness nodes { position animal { id } } }
      ownershipHistory { organization { id } from to saleId }
      measurements { value }
    }
  }
`);
const OWNER = graphql(`query OwnershipTransferOwner($id: ID!) { animal(id: $id) { owner { id } } }`);
const TRANSFERS = graphql(`
  query OwnershipTransferTransfers { animalTransfers { saleId listingId animal { id } animalName seller { id } buyer { id } outcome sellerStatus failureReason completedAt } }
`);
const RENAME = graphql(`mutation OwnershipTransferRename($id: ID!, $name: String!) { updateAnimal(id: $id, input: { name: $name }) { id name } }`);
const SET_GENOTYPE = graphql(`mutation OwnershipTransferGenotype($id: ID!) { setGenotype(animalId: $id, genotype: "Pastel Het Clown") { id } }`);
const MEASURE = graphql(
  `mutation OwnershipTransferMeasure($id: ID!) { recordMeasurement(input: { animalId: $id, trait: "body_weight", value: 1450, unit: "g" }) { id } }`,
);
const DELETE = graphql(`mutation OwnershipTransferDelete($id: ID!) { deleteAnimal(id: $id) }`);

const transfersOf = async (member: Member) => (await gqlData(TRANSFERS, {}, member.token)).animalTransfers;

describe('ownership transfer: the animal side of a completed sale', () => {
  let seller: Member;
  let buyer: Member;
  let onlooker: Member;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    [seller, buyer, onlooker] = await Promise.all([newOrganization('Seller'), newOrganization('Buyer'), newOrganization('Onlooker')]);
    const pub = { visibility: 'PUBLIC' as const };
    id.grandsire = (await createAnimal(seller, { name: 'Grandsire', sex: 'MALE', hatchDate: '2015-05-01', ...pub })).id;
    id.sire = (await createAnimal(seller, { name: 'Sire', sex: 'MALE', hatchDate: '2018-05-01', sireId: id.grandsire, ...pub })).id;
    id.dam = (await createAnimal(seller, { name: 'Dam', sex: 'FEMALE', hatchDate: '2018-05-01', sireId: id.grandsire, ...pub })).id;
    id.sold = (await createAnimal(seller, { name: 'Sold Pastel', sex: 'FEMALE', hatchDate: '2022-05-01', sireId: id.sire, damId: id.dam, externalId: 'S-1', ...pub })).id;
    await gqlData(SET_GENOTYPE, { id: id.sold }, seller.token);
    await gqlData(MEASURE, { id: id.sold }, seller.token);
  });

  it('moves the animal to the buyer exactly once when the sale is delivered twice, with its genotype, and lineage, pedigree and F unchanged', async () => {
    const before = (await gqlData(SOLD_ANIMAL, { id: id.sold }, seller.token)).animal!;
    expect(before.inbreedingCoefficient).toBeCloseTo(0.125, 10);
    // Sold on the marketplace, and its sale.completed delivered a second time.
    const sale = await sellThroughMarketplace(seller, buyer, id.sold);
    await emitSaleCompleted(commerceUrl(), sale);

    await eventually(
      async () => (await gqlData(OWNER, { id: id.sold }, buyer.token)).animal?.owner?.id,
      (owner) => owner === buyer.organizationId,
      'the buyer to own the animal',
    );
    // The stream is read in order: once a later sale has moved its animal, the duplicate before it has been handled too.
    const marker = (await createAnimal(seller, { name: 'Marker', sex: 'MALE' })).id;
    await emitSaleCompleted(commerceUrl(), saleOf(marker, seller.organizationId, buyer.organizationId));
    await eventually(
      async () => (await gqlData(OWNER, { id: marker }, buyer.token)).animal?.owner?.id,
      (owner) => owner === buyer.organizationId,
      'the later sale to be handled',
    );

    const after = (await gqlData(SOLD_ANIMAL, { id: id.sold }, buyer.token)).animal!;
    expect(after).toMatchObject({
      name: 'Sold Pastel',
      status: 'ACTIVE',
      externalId: null,
      owner: { id: buyer.organizationId },
      genotype: { notation: 'Pastel Het Clown' },
      sire: { id: id.sire },
      dam: { id: id.dam },
      pedigree: before.pedigree,
      // The seller's measurement stays the seller's.
      measurements: [],
    });
    expect(after.inbreedingCoefficient).toBe(before.inbreedingCoefficient);
    const history = [
      { organization: { id: seller.organizationId }, from: expect.any(String), to: expect.any(String), saleId: null },
      { organization: { id: buyer.organizationId }, from: expect.any(String), to: null, saleId: sale.saleId },
    ];
    expect(after.ownershipHistory).toEqual(history);
    expect(new Date(after.ownershipHistory[0].to!).getTime()).toBe(new Date(sale.completedAt).getTime());
    expect(new Date(after.ownershipHistory[1].from).getTime()).toBe(new Date(sale.completedAt).getTime());
    // Verifiable by anyone who can see the animal: the seller and a third organisation read the same history.
    for (const member of [seller, onlooker]) expect((await gqlData(SOLD_ANIMAL, { id: id.sold }, member.token)).animal!.ownershipHistory).toEqual(after.ownershipHistory);
    expect((await gqlData(SOLD_ANIMAL, { id: id.sold }, seller.token)).animal!.measurements).toEqual([{ value: 1.45 }]); // 1450 g, stored in the catalog unit (kg)

    const transfers = await asAdmin('animal', 'select outcome, tenant_id, buyer_tenant_id, animal_name from animal_transfers where sale_id = $1', [sale.saleId]);
    expect(transfers).toEqual([{ outcome: 'TRANSFERRED', tenant_id: seller.organizationId, buyer_tenant_id: buyer.organizationId, animal_name: 'Sold Pastel' }]);
    const events = await asAdmin('animal', `select event_type, version, tenant_id from outbox where aggregate_id = $1 order by version`, [id.sold]);
    expect(events.filter((event) => event.event_type === 'animal.transferred')).toHaveLength(1);
    // The animal's history moved with it: one owner, versions counting on without a gap.
    expect(events.every((event) => event.tenant_id === buyer.organizationId)).toBe(true);
    expect(events.map((event) => event.version)).toEqual(events.map((_, i) => i + 1));
  });

  it('lets the buyer edit the animal and no longer the seller, and shows the seller the sale with the animal as sold', async () => {
    const renamed = await gql(RENAME, { id: id.sold, name: 'Buyer named' }, buyer.token);
    expect(renamed.errors).toBeUndefined();
    const bySeller = await gql(RENAME, { id: id.sold, name: 'Taken back' }, seller.token);
    expect(bySeller.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const deleteBySeller = await gql(DELETE, { id: id.sold }, seller.token);
    expect(deleteBySeller.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Under RLS, not only in the service: the seller's role cannot write the row.
    const rows = await asAdmin('animal', 'select tenant_id, name from animals where id = $1', [id.sold]);
    expect(rows).toEqual([{ tenant_id: buyer.organizationId, name: 'Buyer named' }]);

    const [sold] = (await transfersOf(seller)).filter((transfer) => transfer.animal?.id === id.sold);
    expect(sold).toMatchObject({ animalName: 'Sold Pastel', outcome: 'TRANSFERRED', sellerStatus: 'SOLD', failureReason: null, buyer: { id: buyer.organizationId } });
    const [bought] = (await transfersOf(buyer)).filter((transfer) => transfer.animal?.id === id.sold);
    expect(bought).toMatchObject({ saleId: sold.saleId, animal: { id: id.sold }, sellerStatus: null, seller: { id: seller.organizationId } });
    expect(await transfersOf(onlooker)).toEqual([]);
  });

  it('records a failed transfer with its reason, changes nothing and tells commerce, when the animal was deleted or is not the seller’s', async () => {
    const gone = (await createAnimal(seller, { name: 'Gone before the sale', sex: 'MALE' })).id;
    await gqlData(DELETE, { id: gone }, seller.token);
    const notTheirs = (await createAnimal(onlooker, { name: 'Not for this seller', sex: 'MALE' })).id;
    const sales = [saleOf(gone, seller.organizationId, buyer.organizationId), saleOf(notTheirs, seller.organizationId, buyer.organizationId)];
    for (const sale of sales) await emitSaleCompleted(commerceUrl(), sale);

    const failed = await eventually(
      async () => (await transfersOf(seller)).filter((transfer) => transfer.outcome === 'FAILED'),
      (rows) => rows.length === 2,
      'two failed transfers',
    );
    expect(Object.fromEntries(failed.map((transfer) => [transfer.saleId, transfer.failureReason]))).toEqual({
      [sales[0].saleId]: 'ANIMAL_DELETED',
      [sales[1].saleId]: 'SELLER_NOT_OWNER',
    });
    expect(failed.every((transfer) => transfer.sellerStatus === null)).toBe(true);
    expect((await asAdmin('animal', 'select tenant_id from animals where id = $1', [notTheirs]))[0].tenant_id).toBe(onlooker.organizationId);
    const events = await asAdmin('animal', `select aggregate_id, payload from outbox where event_type = 'animal.transferFailed' and aggregate_id = any($1::text[])`, [
      sales.map((sale) => sale.saleId),
    ]);
    expect(events.map((event) => event.payload.reason).sort()).toEqual(['ANIMAL_DELETED', 'SELLER_NOT_OWNER']);
  });

  it('moves an animal only through the guarded function, and that only as the buyer', async () => {
    const animal = (await createAnimal(seller, { name: 'Guarded', sex: 'MALE' })).id;
    const client = await asServiceRole('animal');
    try {
      await client.query(`select set_config('app.current_tenant_id', $1, false)`, [seller.organizationId]);
      // The seller's own role cannot hand the row to another organisation: RLS refuses the new tenant.
      const direct = await client.query('update animals set tenant_id = $1 where id = $2', [onlooker.organizationId, animal]).catch((error: Error) => error);
      expect(String(direct)).toMatch(/row-level security/);
      const asSeller = await client
        .query('select * from studbook_api_transfer_animal($1, $2, $3, $4, $5, now())', [
          randomUUID(),
          randomUUID(),
          animal,
          seller.organizationId,
          onlooker.organizationId,
        ])
        .catch((error: Error) => error);
      expect(String(asSeller)).toMatch(/runs as its buyer/);
    } finally {
      await client.end();
    }
    expect((await asAdmin('animal', 'select tenant_id from animals where id = $1', [animal]))[0].tenant_id).toBe(seller.organizationId);
  });
});
