import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type pg from 'pg';
import { eq } from 'drizzle-orm';
import * as animalSchema from '@studbook/drizzle/animal';
import { createLogger, createPgPool, Metrics, MemoryEventStream, TenantDb, type PublishedEvent } from '@studbook/platform';
import { ProjectAccessConsumer } from './project-access-consumer.js';

const logger = createLogger('project-access-test', { silent: true });
let pool: pg.Pool;
let db: TenantDb;
let consumer: ProjectAccessConsumer;

beforeAll(() => {
  pool = createPgPool({ url: inject('serviceDatabaseUrls').animal, label: 'project-access-test', logger, metrics: new Metrics() });
  db = new TenantDb(pool, animalSchema);
  // handle() is driven directly: delivery itself is the event stream's (event-stream.int.test.ts).
  consumer = new ProjectAccessConsumer({ db, stream: new MemoryEventStream(), logger });
});

afterAll(() => pool.end());

let outboxId = 1;
const event = (eventType: string, tenantId: string, version: number, payload: Record<string, unknown>): PublishedEvent => ({
  outboxId: outboxId++,
  tenantId,
  aggregateType: eventType.split('.')[0],
  aggregateId: String(payload.projectId ?? payload.id),
  version,
  eventType,
  payload,
  occurredAt: new Date().toISOString(),
});

/** An owner organisation with one PRIVATE sheep, a project of it, and a researcher of another organisation. */
async function setting() {
  const owner = randomUUID();
  const researcher = { tenantId: randomUUID(), userId: randomUUID() };
  const projectId = randomUUID();
  const [animal] = await db.run({ tenantId: owner, userId: null }, (tx) =>
    tx.insert(animalSchema.animals).values({ name: 'Shared', speciesId: 'sheep', sex: 'FEMALE' }).returning(),
  );
  const sees = async () =>
    (await db.run(researcher, (tx) => tx.select({ id: animalSchema.animals.id }).from(animalSchema.animals).where(eq(animalSchema.animals.id, animal.id)))).length > 0;
  return { owner, researcher, projectId, animalId: animal.id, sees };
}

describe('the project-access consumer', () => {
  it('lets a member read a granted animal, and applies removals by version whatever order they arrive in', async () => {
    const { owner, researcher, projectId, animalId, sees } = await setting();
    const member = { projectId, userId: researcher.userId, organizationId: researcher.tenantId, role: 'ANALYST' };
    await consumer.handle(event('project.memberAdded', owner, 2, member));
    expect(await sees()).toBe(false);
    await consumer.handle(event('projectGrant.created', owner, 1, { id: randomUUID(), projectId, animalIds: [animalId], speciesId: null }));
    expect(await sees()).toBe(true);

    await consumer.handle(event('project.memberRemoved', owner, 3, { projectId, userId: researcher.userId }));
    expect(await sees()).toBe(false);
    // The addition delivered again, late: older than the removal, it changes nothing.
    await consumer.handle(event('project.memberAdded', owner, 2, member));
    expect(await sees()).toBe(false);
    // Invited again: a newer version.
    await consumer.handle(event('project.memberAdded', owner, 4, member));
    expect(await sees()).toBe(true);
  });

  it('keeps a grant revoked when its revocation arrives before its creation, and ignores payloads its contract refuses', async () => {
    const { owner, researcher, projectId, animalId, sees } = await setting();
    await consumer.handle(event('project.memberAdded', owner, 1, { projectId, userId: researcher.userId, organizationId: researcher.tenantId, role: 'VIEWER' }));
    const grantId = randomUUID();
    await consumer.handle(event('projectGrant.revoked', owner, 2, { id: grantId, projectId }));
    await consumer.handle(event('projectGrant.created', owner, 1, { id: grantId, projectId, animalIds: [animalId], speciesId: null }));
    expect(await sees()).toBe(false);

    await expect(consumer.handle(event('projectGrant.created', owner, 1, { id: 'not-a-uuid', projectId }))).resolves.toBeUndefined();
    // A grant by species covers the owner's sheep, recorded before it or after.
    await consumer.handle(event('projectGrant.created', owner, 1, { id: randomUUID(), projectId, animalIds: [], speciesId: 'sheep' }));
    expect(await sees()).toBe(true);
  });

  it('follows a farm grant’s set by version, in any order, and keeps the grant’s species', async () => {
    const { owner, researcher, projectId, animalId, sees } = await setting();
    await consumer.handle(event('project.memberAdded', owner, 1, { projectId, userId: researcher.userId, organizationId: researcher.tenantId, role: 'VIEWER' }));
    const grantId = randomUUID();
    const farmId = randomUUID();
    const changed = (version: number, change: { added?: string[]; removed?: string[] }) =>
      consumer.handle(event('projectGrant.animalsChanged', owner, version, { id: grantId, projectId, added: [], removed: [], ...change }));
    // The set may arrive before the grant: nothing is shared until the grant is known.
    await changed(2, { added: [animalId] });
    expect(await sees()).toBe(false);
    await consumer.handle(event('projectGrant.created', owner, 1, { id: grantId, projectId, animalIds: [], speciesId: 'sheep', farmId, groupId: null }));
    expect(await sees()).toBe(true);
    // Assigned away (version 4); the earlier assignment in (3) delivered late changes nothing.
    await changed(4, { removed: [animalId] });
    await changed(3, { added: [animalId] });
    expect(await sees()).toBe(false);
    await changed(5, { added: [animalId] });
    expect(await sees()).toBe(true);

    // A farm grant of another species does not share this sheep although it is on the farm, nor does
    // a farm grant's species alone share the organisation's other sheep.
    const { owner: other, researcher: reader, projectId: project, animalId: sheep, sees: readerSees } = await setting();
    await consumer.handle(event('project.memberAdded', other, 1, { projectId: project, userId: reader.userId, organizationId: reader.tenantId, role: 'VIEWER' }));
    const goats = randomUUID();
    await consumer.handle(event('projectGrant.created', other, 1, { id: goats, projectId: project, animalIds: [], speciesId: 'goat', farmId, groupId: null }));
    await consumer.handle(event('projectGrant.animalsChanged', other, 2, { id: goats, projectId: project, added: [sheep], removed: [] }));
    const flock = randomUUID();
    await consumer.handle(event('projectGrant.created', other, 1, { id: flock, projectId: project, animalIds: [], speciesId: 'sheep', farmId, groupId: null }));
    expect(await readerSees()).toBe(false);
  });
});
