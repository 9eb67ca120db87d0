import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization } from '../support/gateway-client.js';
import { tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

// A retry answers with what the first request did, even when the checks that request passed would
// now refuse it: commerce and research check the animal in the animal subgraph before writing.

const MAKE_PRIVATE = graphql(`mutation IdempotentRetryAfterChangeMakePrivate($id: ID!) { updateAnimal(id: $id, input: { visibility: PRIVATE }) { id } }`);

describe('a retry after the animal changed', () => {
  it('of createListing returns the first listing, although the animal is no longer public', async () => {
    const seller = await newOrganization('Seller who retries');
    const animal = await createAnimal(seller, { name: 'Listed then hidden', sex: 'MALE', visibility: 'PUBLIC' });
    const input = { animalId: animal.id, price: 300, currency: 'EUR', idempotencyKey: randomUUID() };
    const create = graphql(`mutation IdempotentRetryAfterChangeCreate($input: CreateListingInput!) { createListing(input: $input) { id price } }`);
    const first = await gqlData(create, { input }, seller.token);
    await gqlData(MAKE_PRIVATE, { id: animal.id }, seller.token);
    const footprint = await tenantFootprint('commerce', seller.organizationId);
    const retried = await gql(create, { input }, seller.token);
    expect(retried.errors).toBeUndefined();
    expect(retried.data).toEqual(first);
    expect(await tenantFootprint('commerce', seller.organizationId)).toEqual(footprint);
  });

  it("of recordMeasurement returns the first measurement, although another breeder's animal is now hidden", async () => {
    const [owner, researcher] = await Promise.all([newOrganization('Animal owner'), newOrganization('Researcher who retries')]);
    const animal = await createAnimal(owner, { name: 'Measured then hidden', sex: 'FEMALE', visibility: 'PUBLIC' });
    const input = { animalId: animal.id, trait: 'total_length', value: 92, unit: 'cm', idempotencyKey: randomUUID() };
    const record = graphql(`mutation IdempotentRetryAfterChangeRecord($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id value } }`);
    const first = await gqlData(record, { input }, researcher.token);
    await gqlData(MAKE_PRIVATE, { id: animal.id }, owner.token);
    const footprint = await tenantFootprint('research', researcher.organizationId);
    const retried = await gql(record, { input }, researcher.token);
    expect(retried.errors).toBeUndefined();
    expect(retried.data).toEqual(first);
    expect(await tenantFootprint('research', researcher.organizationId)).toEqual(footprint);
  });
});
