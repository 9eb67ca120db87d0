import type pg from 'pg';
import type { Logger, ObjectStore, TenantDb } from '@studbook/platform';
import { deleteAbandonedUpload, type AbandonedUpload } from './media-store.js';

const BATCH = 500;

/**
 * Deletes uploads requested longer ago than `abandonedAfterSeconds` and never completed: the row
 * (in its organisation's own scope, only while still not completed) and whatever was PUT to its key.
 */
export class AbandonedUploadSweep {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: { pool: pg.Pool; db: TenantDb; objects: ObjectStore; logger: Logger; abandonedAfterSeconds: number }) {}

  /** Runs every `intervalSeconds` until stop(); a failed run is logged and the next one tries again. */
  start(intervalSeconds: number): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error) => this.deps.logger.warn('abandoned upload sweep failed', { error: String(error) }));
    }, intervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One pass; answers how many uploads it deleted. */
  async sweep(abandonedAfterSeconds = this.deps.abandonedAfterSeconds): Promise<number> {
    const { rows } = await this.deps.pool.query<{ id: string; tenant_id: string; object_key: string }>(
      'select id, tenant_id, object_key from studbook_api_abandoned_uploads(make_interval(secs => $1), $2)',
      [abandonedAfterSeconds, BATCH],
    );
    let deleted = 0;
    for (const upload of rows.map((row): AbandonedUpload => ({ id: row.id, tenantId: row.tenant_id, objectKey: row.object_key }))) {
      const gone = await this.deps.db.run({ tenantId: upload.tenantId, userId: null }, (tx) => deleteAbandonedUpload(tx, upload.id));
      if (!gone) continue;
      await this.deps.objects.delete(upload.objectKey);
      deleted++;
    }
    if (deleted > 0) this.deps.logger.info('abandoned uploads deleted', { deleted });
    return deleted;
  }
}
