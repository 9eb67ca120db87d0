import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import * as animalSchema from '@studbook/drizzle/animal';
import { appendEvent, createLogger, createPgPool, Metrics, TenantDb } from '@studbook/platform';
import { animalCreated } from '@studbook/contracts/events';
import { sql } from 'drizzle-orm';
import { createAnimal, gql, newOrganization } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

describe('audit trail and outbox', () => {
  it('writes an audit row and a versioned outbox event with each change, in the same transaction', async () => {
    const breeder = await newOrganization('Audit');
    const animal = await createAnimal(breeder, { name: 'Juniper', sex: 'FEMALE' });
    await gql(graphql(`mutation AuditOutboxUpdateAnimal($id: ID!) { updateAnimal(id: $id, input: { name: "Juniper II" }) { id } }`), { id: animal.id }, breeder.token);

    const audit = await asAdmin('animal', 'select action, old_data, new_data, changed_fields, user_id, tenant_id from audit_log where record_id = $1 order by id', [
      animal.id,
    ]);
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ action: 'INSERT', old_data: null, user_id: breeder.userId, tenant_id: breeder.organizationId });
    expect(audit[0].new_data).toMatchObject({ name: 'Juniper', sex: 'FEMALE' });
    expect(audit[1]).toMatchObject({ action: 'UPDATE', changed_fields: ['name', 'updated_at'], user_id: breeder.userId });
    expect(audit[1].old_data.name).toBe('Juniper');
    expect(audit[1].new_data.name).toBe('Juniper II');

    const events = await asAdmin('animal', 'select event_type, version, payload, tenant_id from outbox where aggregate_id = $1 order by version', [animal.id]);
    expect(events.map((e) => [e.event_type, e.version])).toEqual([
      ['animal.created', 1],
      ['animal.updated', 2],
    ]);
    expect(events[1].payload).toMatchObject({ name: 'Juniper II', changed: ['name'] });
    expect(events.every((e) => e.tenant_id === breeder.organizationId)).toBe(true);
  });

  it('records deletes with the old values', async () => {
    const breeder = await newOrganization('Audit');
    const animal = await createAnimal(breeder, { name: 'Short-lived' });
    await gql(graphql(`mutation AuditOutboxDeleteAnimal($id: ID!) { deleteAnimal(id: $id) }`), { id: animal.id }, breeder.token);
    const [audit] = await asAdmin('animal', `select old_data, new_data from audit_log where record_id = $1 and action = 'DELETE'`, [animal.id]);
    expect(audit.old_data.name).toBe('Short-lived');
    expect(audit.new_data).toBeNull();
    const [event] = await asAdmin('animal', `select event_type from outbox where aggregate_id = $1 order by version desc limit 1`, [animal.id]);
    expect(event.event_type).toBe('animal.deleted');
  });

  it('leaves no row, audit entry or event behind when a transaction rolls back', async () => {
    const breeder = await newOrganization('Rollback');
    const before = await tenantFootprint('animal', breeder.organizationId);
    const pool = createPgPool({ url: inject('serviceDatabaseUrls').animal, label: 'test', logger: createLogger('test', { silent: true }), metrics: new Metrics() });
    const db = new TenantDb(pool, animalSchema);
    try {
      await expect(
        db.run({ tenantId: breeder.organizationId, userId: breeder.userId }, async (tx) => {
          const [row] = await tx.insert(animalSchema.animals).values({ name: 'Ghost', speciesId: 'ball-python', sex: 'MALE' }).returning();
          const { id, externalId, name, speciesId, sex, visibility, sireId, damId } = row;
          await appendEvent(tx, animalCreated, { aggregateId: row.id, payload: { id, externalId, name, speciesId, sex, visibility, sireId, damId } });
          await tx.execute(sql`select 1 / 0`);
        }),
      ).rejects.toThrow(/Failed query: select 1 \/ 0/);
    } finally {
      await pool.end();
    }
    expect(await tenantFootprint('animal', breeder.organizationId)).toEqual(before);
  });
});
