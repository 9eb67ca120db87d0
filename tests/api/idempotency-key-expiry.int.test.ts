import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

// Keys are kept for 24 hours. Past that a key is free again, and the organisation's later keyed
// writes delete expired keys, so the table holds about a day of keys per organisation.

const CREATE = graphql(`mutation IdempotencyKeyExpiryCreate($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`);
const input = (idempotencyKey: string) => ({ name: 'Expiring key', species: 'Ball python', sex: 'MALE' as const, idempotencyKey });

/** Moves a key's creation a day and an hour into the past, as if it had been written then. */
const age = (tenantId: string, key: string) =>
  asAdmin('animal', `update idempotency_keys set created_at = now() - interval '25 hours' where tenant_id = $1 and key = $2`, [tenantId, key]);
const keysOf = async (tenantId: string) =>
  (await asAdmin<{ key: string }>('animal', 'select key from idempotency_keys where tenant_id = $1 order by key', [tenantId])).map((row) => row.key);

let member: Member;

beforeAll(async () => {
  member = await newOrganization('Expiring keys');
});

describe('an idempotency key', () => {
  it('within 24 hours returns the first record', async () => {
    const key = randomUUID();
    const first = await gqlData(CREATE, { input: input(key) }, member.token);
    const again = await gqlData(CREATE, { input: input(key) }, member.token);
    expect(again.createAnimal.id).toBe(first.createAnimal.id);
  });

  it('after 24 hours is free again: the same request writes a new record', async () => {
    const key = randomUUID();
    const first = await gqlData(CREATE, { input: input(key) }, member.token);
    await age(member.organizationId, key);
    const later = await gqlData(CREATE, { input: input(key) }, member.token);
    expect(later.createAnimal.id).not.toBe(first.createAnimal.id);
    const [{ n }] = await asAdmin('animal', 'select count(*)::int as n from idempotency_keys where tenant_id = $1 and key = $2', [member.organizationId, key]);
    expect(n).toBe(1);
  });

  it("once expired, is deleted by the organisation's next keyed write, and only the organisation's own", async () => {
    const other = await newOrganization('Untouched keys');
    const [expired, kept, theirs] = ['a-expired', 'b-kept', 'c-theirs'];
    await gqlData(CREATE, { input: input(expired) }, member.token);
    await gqlData(CREATE, { input: input(theirs) }, other.token);
    await Promise.all([age(member.organizationId, expired), age(other.organizationId, theirs)]);
    expect(await keysOf(member.organizationId)).toContain(expired);
    await gqlData(CREATE, { input: input(kept) }, member.token);
    const remaining = await keysOf(member.organizationId);
    expect(remaining).not.toContain(expired);
    expect(remaining).toContain(kept);
    expect(await keysOf(other.organizationId)).toEqual([theirs]);
  });
});
