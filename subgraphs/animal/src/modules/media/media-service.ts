import { randomUUID } from 'node:crypto';
import {
  appendEvent,
  badInput,
  conflict,
  ErrorCode,
  forbidden,
  idempotencyKeyOf,
  notFound,
  replayed,
  requireWriter,
  userError,
  validId,
  writeOnce,
  type Identity,
  type ObjectStore,
  type TenantDb,
  type TenantScope,
  type Tx,
} from '@studbook/platform';
import { mediaDeleted, mediaUpdated, mediaUploaded } from '@studbook/contracts/events';
import type { AnimalService } from '../animal/animal-service.js';
import type { MediaSettings } from './media-config.js';
import { withoutMetadata } from './media-images.js';
import { validMediaChanges, validUpload, type RequestMediaUploadInput, type UpdateMediaInput } from './media-input.js';
import type { MediaLoaders } from './media-loaders.js';
import type { MediaRenderer } from './media-renderer.js';
import type { MediaRow } from './media-row.js';
import * as store from './media-store.js';
import { sniffContentType, type MediaContentType } from './media-types.js';

export interface MediaServiceDeps {
  db: TenantDb;
  identity: Identity;
  scope: TenantScope | null;
  loaders: MediaLoaders;
  animals: AnimalService;
  objects: ObjectStore;
  renderer: MediaRenderer;
  settings: MediaSettings;
}

/** Photos and documents of animals for one request and one caller; the bytes live in object storage. */
export class MediaService {
  constructor(private readonly deps: MediaServiceDeps) {}

  mediaOf(animalId: string): Promise<MediaRow[]> {
    return this.deps.loaders.mediaByAnimalId.load(animalId);
  }

  /** The cover photo, else the first ready photo (media come cover first, then by position); from the same batched load as mediaOf. */
  async coverPhotoOf(animalId: string): Promise<MediaRow | null> {
    const media = await this.mediaOf(animalId);
    return media.find((item) => item.kind === 'PHOTO' && item.status === 'READY') ?? null;
  }

  /** A short-lived signed GET URL of one stored object. */
  signedUrl(objectKey: string): Promise<string> {
    return this.deps.objects.presignGet(objectKey, this.deps.settings.downloadUrlSeconds);
  }

  async requestUpload(input: RequestMediaUploadInput) {
    const caller = requireWriter(this.deps.identity);
    const upload = validUpload(input);
    const scope = { tenantId: caller.organizationId, userId: caller.userId };
    const animal = await this.deps.animals.byId(upload.animalId);
    if (!animal) throw userError(ErrorCode.NotFound, 'Animal not found', { field: 'input.animalId' });
    if (animal.tenantId !== caller.organizationId) throw forbidden('Only the owning organisation can add media to an animal');
    const id = randomUUID();
    const once = await writeOnce(
      this.deps.db,
      scope,
      idempotencyKeyOf('requestMediaUpload', input),
      async (tx) => {
        await this.checkQuota(tx, caller.organizationId, upload.byteSize);
        return store.insertMedia(tx, {
          id,
          animalId: animal.id,
          visibility: animal.visibility,
          kind: upload.kind,
          contentType: upload.contentType,
          byteSize: upload.byteSize,
          fileName: upload.fileName,
          objectKey: `media/${caller.organizationId}/${animal.id}/${id}/original`,
          caption: upload.caption,
          takenAt: upload.takenAt,
          position: await store.nextPosition(tx, animal.id),
        });
      },
      (row) => row.id,
    );
    const media = 'replayOf' in once ? replayed(await this.ownItem(once.replayOf)) : once.written;
    const expiresInSeconds = this.deps.settings.uploadUrlSeconds;
    const url = await this.deps.objects.presignPut(media.objectKey, { contentType: media.contentType, byteSize: media.byteSize, expiresInSeconds });
    return {
      media,
      url,
      headers: [
        { name: 'Content-Type', value: media.contentType },
        { name: 'Content-Length', value: String(media.byteSize) },
      ],
      expiresAt: new Date(Date.now() + expiresInSeconds * 1000),
    };
  }

  /**
   * Checks what was PUT and records it. The item stays locked while its bytes are checked and
   * cleaned, so a second completion waits and then finds it completed (CONFLICT). A refused object
   * is deleted; the item stays awaiting an upload (its URL may still be used) until the sweep.
   */
  async completeUpload(id: string): Promise<MediaRow> {
    const caller = requireWriter(this.deps.identity);
    const mediaId = validId(id, 'id');
    const row = await this.deps.db.run({ tenantId: caller.organizationId, userId: caller.userId }, async (tx) => {
      const item = await this.lockOwnItem(tx, mediaId);
      if (item.status !== 'AWAITING_UPLOAD') throw conflict('This upload is already completed');
      const stored = await this.deps.objects.head(item.objectKey);
      if (!stored) throw badInput('Nothing was uploaded yet: PUT the file to the upload URL first', 'id');
      if (stored.byteSize !== item.byteSize) {
        await this.deps.objects.delete(item.objectKey);
        throw badInput(`The uploaded file has ${stored.byteSize} bytes, not the ${item.byteSize} declared`, 'id');
      }
      const bytes = await this.deps.objects.get(item.objectKey);
      const actual = sniffContentType(bytes);
      if (actual !== item.contentType) {
        await this.deps.objects.delete(item.objectKey);
        throw badInput(`The uploaded file is ${actual ? `a ${actual} file` : 'not an allowed file'}, not the ${item.contentType} declared`, 'id');
      }
      const cleaned = item.kind === 'PHOTO' ? await this.cleanPhoto(item.objectKey, bytes, actual) : null;
      const completed = await store.updateMedia(tx, item.id, {
        status: cleaned ? 'PENDING' : 'READY',
        ...(cleaned && cleaned.contentType !== item.contentType ? { contentType: cleaned.contentType, fileName: renamedFor(item.fileName, cleaned.contentType) } : {}),
        byteSize: cleaned?.bytes.length ?? item.byteSize,
        width: cleaned?.width ?? null,
        height: cleaned?.height ?? null,
        completedAt: new Date(),
      });
      await appendEvent(tx, mediaUploaded, {
        aggregateId: item.id,
        payload: { id: item.id, animalId: item.animalId, kind: item.kind, contentType: completed!.contentType, byteSize: completed!.byteSize },
      });
      return completed!;
    });
    if (row.status === 'PENDING') this.deps.renderer.enqueue({ tenantId: caller.organizationId, mediaId: row.id });
    return row;
  }

  async update(id: string, input: UpdateMediaInput): Promise<MediaRow> {
    const changes = validMediaChanges(input);
    return this.change(id, Object.keys(changes), (tx, item) => store.updateMedia(tx, item.id, changes));
  }

  setCover(id: string): Promise<MediaRow> {
    return this.change(id, ['isCover'], async (tx, item) => {
      if (item.kind !== 'PHOTO') throw badInput('Only a photo can be the cover', 'id');
      await store.clearCover(tx, item.animalId);
      return store.updateMedia(tx, item.id, { isCover: true });
    });
  }

  async delete(id: string): Promise<string> {
    const caller = requireWriter(this.deps.identity);
    const mediaId = validId(id, 'id');
    const deleted = await this.deps.db.run({ tenantId: caller.organizationId, userId: caller.userId }, async (tx) => {
      const item = await this.lockOwnItem(tx, mediaId);
      await store.deleteMedia(tx, item.id);
      await appendEvent(tx, mediaDeleted, { aggregateId: item.id, payload: { id: item.id, animalId: item.animalId } });
      return item;
    });
    // After the commit: a failed delete leaves bytes no row names, never a row without its bytes.
    await Promise.all([deleted.objectKey, ...Object.values(deleted.renditions)].map((key) => this.deps.objects.delete(key)));
    return deleted.id;
  }

  private async change(id: string, changed: string[], write: (tx: Tx, item: MediaRow) => Promise<MediaRow | undefined>): Promise<MediaRow> {
    const caller = requireWriter(this.deps.identity);
    const mediaId = validId(id, 'id');
    return this.deps.db.run({ tenantId: caller.organizationId, userId: caller.userId }, async (tx) => {
      const item = await this.lockOwnItem(tx, mediaId);
      if (item.status === 'AWAITING_UPLOAD') throw badInput('Complete the upload first', 'id');
      const row = await write(tx, item);
      await appendEvent(tx, mediaUpdated, { aggregateId: item.id, payload: { id: item.id, animalId: item.animalId, changed } });
      return row!;
    });
  }

  /** The caller's own item, locked; another organisation's (even a public one) cannot be changed. */
  private async lockOwnItem(tx: Tx, id: string): Promise<MediaRow> {
    const item = await store.findMediaForUpdate(tx, id);
    if (!item) throw notFound('Media');
    if (item.tenantId !== this.deps.scope?.tenantId) throw forbidden('Only the owning organisation can change its media');
    return item;
  }

  private async ownItem(id: string): Promise<MediaRow | undefined> {
    const [row] = await this.deps.db.read(this.deps.scope!, (tx) => store.findMediaByIds(tx, [id]));
    return row;
  }

  /** The photo without its metadata, written over the original; a photo that cannot be decoded is refused and deleted. */
  private async cleanPhoto(objectKey: string, bytes: Buffer, contentType: MediaContentType) {
    try {
      const cleaned = await withoutMetadata(bytes, contentType);
      await this.deps.objects.put(objectKey, cleaned.bytes, cleaned.contentType);
      return cleaned;
    } catch (error) {
      await this.deps.objects.delete(objectKey);
      throw badInput(`The photo could not be read: ${(error as Error).message}`, 'id');
    }
  }

  private async checkQuota(tx: Tx, tenantId: string, byteSize: number): Promise<void> {
    await store.lockOrganizationMedia(tx, tenantId);
    const usage = await store.organizationUsage(tx, tenantId);
    const { quotaCount, quotaBytes } = this.deps.settings;
    if (usage.items + 1 > quotaCount) throw userError(ErrorCode.QuotaExceeded, `Your organisation may hold at most ${quotaCount} media items`, { limit: quotaCount });
    if (usage.bytes + byteSize > quotaBytes) {
      throw userError(ErrorCode.QuotaExceeded, `Your organisation may store at most ${quotaBytes} bytes of media; ${usage.bytes} are used`, { limit: quotaBytes });
    }
  }
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp' };

/** The file name a download of the stored bytes should carry: IMG_0042.HEIC stored as JPEG is IMG_0042.jpg. */
function renamedFor(fileName: string, contentType: MediaContentType): string {
  return fileName.replace(/\.[^./\\]*$/, '') + (EXTENSIONS[contentType] ?? '');
}
