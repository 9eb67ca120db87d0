import type pg from 'pg';
import { everyAggregateTopic, type EventBus, type Logger, type ObjectStore, type PublishedEvent, type TenantDb } from '@studbook/platform';
import { deleteObjectDeletions, findObjectDeletionsOfAnimal, type ObjectDeletion } from './media-store.js';

const BATCH = 500;

/**
 * Deletes a deleted animal's objects from the bucket: its photos' originals and renditions, its
 * documents and its certificate PDFs. The deleting transaction wrote their keys beside the
 * animal.deleted event (a trigger, before the rows cascaded away); this removes each object, then
 * its key, on that event, and on a timer for whatever an event did not reach (a stopped instance,
 * a failed try). Deleting a missing object is no error, so a repeated event or pass changes nothing.
 */
export class DeletedAnimalMediaCleanup {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(private readonly deps: { pool: pg.Pool; db: TenantDb; objects: ObjectStore; logger: Logger }) {}

  /** Follows animal.deleted events (when there is a bus) and sweeps every `intervalSeconds`. */
  async start(bus: EventBus | undefined, intervalSeconds: number): Promise<void> {
    this.unsubscribe = await bus?.subscribe(everyAggregateTopic('animal'), (event) => void this.onEvent(event));
    this.timer = setInterval(() => void this.sweep().catch((error) => this.failed('media cleanup sweep failed', error)), intervalSeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.unsubscribe?.();
  }

  /** Deletes one deleted animal's objects, in the organisation that deleted it; answers how many. */
  async cleanAnimal(tenantId: string, animalId: string): Promise<number> {
    const scope = { tenantId, userId: null };
    const pending = await this.deps.db.run(scope, (tx) => findObjectDeletionsOfAnimal(tx, animalId));
    return this.remove(scope, pending);
  }

  /** One pass over every organisation's leftovers, oldest first; answers how many objects it deleted. */
  async sweep(): Promise<number> {
    const { rows } = await this.deps.pool.query<{ id: string; tenant_id: string; object_key: string }>(
      'select id, tenant_id, object_key from studbook_api_media_object_deletions($1)',
      [BATCH],
    );
    const byTenant = new Map<string, ObjectDeletion[]>();
    for (const row of rows) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), { id: row.id, objectKey: row.object_key }]);
    let deleted = 0;
    for (const [tenantId, pending] of byTenant) deleted += await this.remove({ tenantId, userId: null }, pending);
    return deleted;
  }

  private async onEvent(event: PublishedEvent): Promise<void> {
    if (event.eventType !== 'animal.deleted') return;
    try {
      await this.cleanAnimal(event.tenantId, event.aggregateId);
    } catch (error) {
      this.failed('deleting a deleted animal’s media failed; the sweep tries again', error, event.aggregateId);
    }
  }

  // Objects first, keys after: a failure in between leaves a key whose object is gone, which the next try deletes again.
  private async remove(scope: { tenantId: string; userId: null }, pending: ObjectDeletion[]): Promise<number> {
    if (pending.length === 0) return 0;
    await Promise.all(pending.map((item) => this.deps.objects.delete(item.objectKey)));
    await this.deps.db.run(scope, (tx) =>
      deleteObjectDeletions(
        tx,
        pending.map((item) => item.id),
      ),
    );
    this.deps.logger.info('deleted animal media removed from storage', { objects: pending.length });
    return pending.length;
  }

  private failed(message: string, error: unknown, animalId?: string): void {
    this.deps.logger.warn(message, { animalId, error: String(error) });
  }
}
