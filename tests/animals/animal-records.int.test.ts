import { describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

const CREATE = graphql(`
  mutation AnimalRecordsCreate($input: CreateAnimalInput!) { createAnimal(input: $input) { id status deceasedAt description maturity } }
`);
const UPDATE = graphql(`
  mutation AnimalRecordsUpdate($id: ID!, $input: UpdateAnimalInput!) { updateAnimal(id: $id, input: $input) { id status deceasedAt description maturity hatchDate } }
`);
const MINE_BY_STATUS = graphql(`
  query AnimalRecordsByStatus($status: [AnimalStatus!]) { animals(first: 100, filter: { mine: true, status: $status }) { edges { node { id status } } } }
`);

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('animal status, description and maturity', () => {
  it('records a status and a description, and derives maturity from the hatch date with the species thresholds', async () => {
    const keeper = await newOrganization('Records');
    const create = (species: string, hatchDate: string | null) =>
      gqlData(
        CREATE,
        { input: { name: 'Stage', species, sex: 'FEMALE', hatchDate, status: 'HOLDBACK', description: '  Keeper of the line.\nEats well.  ' } },
        keeper.token,
      );
    const hatchling = (await create('Ball python', daysAgo(10))).createAnimal;
    expect(hatchling).toMatchObject({ status: 'HOLDBACK', deceasedAt: null, description: 'Keeper of the line.\nEats well.', maturity: 'HATCHLING' });
    // 200 days: a juvenile ball python, but a subadult leopard gecko (180 days); 400 days: an adult leopard gecko (1 year).
    expect((await create('Ball python', daysAgo(200))).createAnimal.maturity).toBe('JUVENILE');
    expect((await create('Leopard gecko', daysAgo(200))).createAnimal.maturity).toBe('SUBADULT');
    expect((await create('Leopard gecko', daysAgo(400))).createAnimal.maturity).toBe('ADULT');
    expect((await create('Ball python', daysAgo(400))).createAnimal.maturity).toBe('SUBADULT');
    expect((await create('Ball python', null)).createAnimal.maturity).toBeNull();
  });

  it('refuses SOLD from createAnimal and updateAnimal, writing nothing', async () => {
    const keeper = await newOrganization('Records');
    const animal = await createAnimal(keeper, { name: 'Not for sale' });
    const before = await tenantFootprint('animal', keeper.organizationId);
    const created = await gql(CREATE, { input: { name: 'Sold?', species: 'Ball python', sex: 'MALE', status: 'SOLD' } }, keeper.token);
    expect(created.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const updated = await gql(UPDATE, { id: animal.id, input: { status: 'SOLD' } }, keeper.token);
    expect(updated.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    expect(await tenantFootprint('animal', keeper.organizationId)).toEqual(before);
  });

  it('needs a date of death for DECEASED, not in the future and not before hatching; another status clears it', async () => {
    const keeper = await newOrganization('Records');
    const animal = await createAnimal(keeper, { name: 'Old timer', hatchDate: daysAgo(3000) });
    const refusal = async (input: Record<string, unknown>) => (await gql(UPDATE, { id: animal.id, input }, keeper.token)).errors?.[0].extensions;
    expect(await refusal({ status: 'DECEASED' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deceasedAt' });
    expect(await refusal({ status: 'DECEASED', deceasedAt: tomorrow() })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deceasedAt' });
    expect(await refusal({ status: 'DECEASED', deceasedAt: daysAgo(3001) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deceasedAt' });
    expect(await refusal({ deceasedAt: daysAgo(5) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deceasedAt' });

    const died = daysAgo(5);
    expect((await gqlData(UPDATE, { id: animal.id, input: { status: 'DECEASED', deceasedAt: died } }, keeper.token)).updateAnimal).toMatchObject({
      status: 'DECEASED',
      deceasedAt: died,
      maturity: null,
    });
    expect(await refusal({ hatchDate: daysAgo(1) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hatchDate' });
    // A later correction of the date alone keeps the status.
    expect((await gqlData(UPDATE, { id: animal.id, input: { deceasedAt: daysAgo(6) } }, keeper.token)).updateAnimal).toMatchObject({
      status: 'DECEASED',
      deceasedAt: daysAgo(6),
    });
    expect((await gqlData(UPDATE, { id: animal.id, input: { status: 'ACTIVE' } }, keeper.token)).updateAnimal).toMatchObject({
      status: 'ACTIVE',
      deceasedAt: null,
      maturity: 'ADULT',
    });
  });

  it('refuses an over-long description naming the field, and null clears it', async () => {
    const keeper = await newOrganization('Records');
    const animal = await createAnimal(keeper, { name: 'Storied' });
    const long = await gql(UPDATE, { id: animal.id, input: { description: 'x'.repeat(4001) } }, keeper.token);
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
    expect((await gqlData(UPDATE, { id: animal.id, input: { description: 'x'.repeat(4000) } }, keeper.token)).updateAnimal.description).toHaveLength(4000);
    expect((await gqlData(UPDATE, { id: animal.id, input: { description: null } }, keeper.token)).updateAnimal.description).toBeNull();
  });

  it("filters the organisation's animals by status", async () => {
    const keeper = await newOrganization('Records');
    const active = await createAnimal(keeper, { name: 'Active' });
    const kept = (await gqlData(CREATE, { input: { name: 'Kept', species: 'Ball python', sex: 'MALE', status: 'HOLDBACK' } }, keeper.token)).createAnimal;
    const gone = (await gqlData(CREATE, { input: { name: 'Gone', species: 'Ball python', sex: 'MALE', status: 'DECEASED', deceasedAt: daysAgo(1) } }, keeper.token))
      .createAnimal;
    const ids = async (status: ('ACTIVE' | 'HOLDBACK' | 'DECEASED')[] | null) =>
      (await gqlData(MINE_BY_STATUS, { status }, keeper.token)).animals.edges.map((edge) => edge.node.id).sort();
    expect(await ids(['HOLDBACK'])).toEqual([kept.id]);
    expect(await ids(['ACTIVE', 'DECEASED'])).toEqual([active.id, gone.id].sort());
    expect(await ids(null)).toEqual([active.id, kept.id, gone.id].sort());
  });

  it("names status, description and visibility in animal.updated's changed, with status in the snapshot", async () => {
    const keeper = await newOrganization('Records');
    const animal = await createAnimal(keeper, { name: 'Evented' });
    await gqlData(UPDATE, { id: animal.id, input: { status: 'HOLDBACK', description: 'Project female', visibility: 'LINEAGE' } }, keeper.token);
    const [event] = await asAdmin('animal', `select payload from outbox where aggregate_id = $1 and event_type = 'animal.updated' order by version desc limit 1`, [
      animal.id,
    ]);
    expect(event.payload).toMatchObject({ status: 'HOLDBACK', visibility: 'LINEAGE' });
    expect([...event.payload.changed].sort()).toEqual(['deceasedAt', 'description', 'status', 'visibility']);
  });
});
