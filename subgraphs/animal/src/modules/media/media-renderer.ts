import type pg from 'pg';
import { appendEvent, type Logger, type ObjectStore, type TenantDb } from '@studbook/platform';
import { mediaRendered } from '@studbook/contracts/events';
import { rendition, RENDITION_WIDTHS } from './media-images.js';
import { findMediaForUpdate, updateMedia } from './media-store.js';

export interface RenderJob {
  tenantId: string;
  mediaId: string;
}

/**
 * Makes each uploaded photo's WebP renditions in the background, a few at a time (sharp runs on
 * libvips' own threads; more at once only queues on a 2-core machine). A job is queued when its
 * media.uploaded event commits; its outcome is written to the item (READY, or FAILED with the
 * reason) with a media.rendered event, in the uploading organisation's scope.
 */
export class MediaRenderer {
  private readonly queue: RenderJob[] = [];
  private running = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly deps: { db: TenantDb; objects: ObjectStore; logger: Logger; concurrency?: number }) {}

  enqueue(job: RenderJob): void {
    this.queue.push(job);
    this.pump();
  }

  /**
   * Queues every photo still PENDING, of any organisation: jobs of a process that stopped before
   * rendering them (the committed media.uploaded event is the durable record; this queue is not).
   * A job for an item already rendered meanwhile does nothing.
   */
  async resume(pool: pg.Pool, maxRows = 10_000): Promise<number> {
    const { rows } = await pool.query<{ id: string; tenant_id: string }>('select id, tenant_id from studbook_api_media_awaiting_renditions($1)', [maxRows]);
    for (const row of rows) this.enqueue({ tenantId: row.tenant_id, mediaId: row.id });
    return rows.length;
  }

  /** Resolves once nothing is queued or running (benchmarks, shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private pump(): void {
    while (this.running < (this.deps.concurrency ?? 2) && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      this.render(job)
        .catch((error) => this.deps.logger.error('rendering failed', { mediaId: job.mediaId, error: String(error) }))
        .finally(() => {
          this.running--;
          this.pump();
          if (this.running === 0 && this.queue.length === 0) for (const resolve of this.waiters.splice(0)) resolve();
        });
    }
  }

  private async render({ tenantId, mediaId }: RenderJob): Promise<void> {
    const scope = { tenantId, userId: null };
    const item = await this.deps.db.run(scope, (tx) => findMediaForUpdate(tx, mediaId));
    if (item?.status !== 'PENDING') return;
    let outcome: { status: 'READY'; renditions: Record<string, string> } | { status: 'FAILED'; failureReason: string };
    try {
      const original = await this.deps.objects.get(item.objectKey);
      const renditions: Record<string, string> = {};
      for (const [name, width] of Object.entries(RENDITION_WIDTHS)) {
        const key = `${item.objectKey.replace(/\/original$/, '')}/${name}.webp`;
        await this.deps.objects.put(key, await rendition(original, width), 'image/webp');
        renditions[name] = key;
      }
      outcome = { status: 'READY', renditions };
    } catch (error) {
      outcome = { status: 'FAILED', failureReason: `The photo could not be rendered: ${(error as Error).message}` };
    }
    await this.deps.db.run(scope, async (tx) => {
      // Deleted meanwhile: nothing to record (its objects went with it).
      const current = await findMediaForUpdate(tx, mediaId);
      if (current?.status !== 'PENDING') return;
      await updateMedia(tx, mediaId, outcome.status === 'READY' ? outcome : { status: 'FAILED', failureReason: outcome.failureReason });
      await appendEvent(tx, mediaRendered, {
        aggregateId: mediaId,
        payload: { id: mediaId, animalId: current.animalId, status: outcome.status, failureReason: outcome.status === 'FAILED' ? outcome.failureReason : null },
      });
    });
  }
}
