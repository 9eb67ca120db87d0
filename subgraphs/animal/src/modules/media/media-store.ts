import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { animalMedia, mediaObjectDeletions } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import type { MediaRow } from './media-row.js';

export type NewMedia = Pick<
  MediaRow,
  'id' | 'animalId' | 'visibility' | 'kind' | 'contentType' | 'byteSize' | 'fileName' | 'objectKey' | 'caption' | 'takenAt' | 'position'
>;
export type MediaChanges = Partial<
  Pick<
    MediaRow,
    | 'status'
    | 'failureReason'
    | 'contentType'
    | 'fileName'
    | 'byteSize'
    | 'width'
    | 'height'
    | 'renditions'
    | 'completedAt'
    | 'caption'
    | 'takenAt'
    | 'position'
    | 'isCover'
  >
>;

export async function insertMedia(tx: Tx, media: NewMedia): Promise<MediaRow> {
  const [row] = await tx.insert(animalMedia).values(media).returning();
  return row;
}

/** A media item RLS lets the caller see, locked until the transaction ends. */
export async function findMediaForUpdate(tx: Tx, id: string): Promise<MediaRow | undefined> {
  const [row] = await tx.select().from(animalMedia).where(eq(animalMedia.id, id)).for('update');
  return row;
}

export function findMediaByIds(tx: Tx, ids: readonly string[]): Promise<MediaRow[]> {
  return tx
    .select()
    .from(animalMedia)
    .where(inArray(animalMedia.id, [...ids]));
}

/** Completed media of these animals that RLS shows the caller: each animal's cover first, then by position. */
export function findCompletedMediaOfAnimals(tx: Tx, animalIds: readonly string[]): Promise<MediaRow[]> {
  return tx
    .select()
    .from(animalMedia)
    .where(and(inArray(animalMedia.animalId, [...animalIds]), ne(animalMedia.status, 'AWAITING_UPLOAD')))
    .orderBy(asc(animalMedia.animalId), desc(animalMedia.isCover), asc(animalMedia.position), asc(animalMedia.createdAt), asc(animalMedia.id));
}

export async function updateMedia(tx: Tx, id: string, changes: MediaChanges): Promise<MediaRow | undefined> {
  const [row] = await tx
    .update(animalMedia)
    .set({ ...changes, updatedAt: sql`date_trunc('milliseconds', now())` })
    .where(eq(animalMedia.id, id))
    .returning();
  return row;
}

/** The animal's cover stops being one (before another becomes it: one cover per animal is a unique index). */
export async function clearCover(tx: Tx, animalId: string): Promise<void> {
  await tx
    .update(animalMedia)
    .set({ isCover: false, updatedAt: sql`date_trunc('milliseconds', now())` })
    .where(and(eq(animalMedia.animalId, animalId), eq(animalMedia.isCover, true)));
}

export async function deleteMedia(tx: Tx, id: string): Promise<MediaRow | undefined> {
  const [row] = await tx.delete(animalMedia).where(eq(animalMedia.id, id)).returning();
  return row;
}

/** What the caller's organisation holds: items of any status and their declared or stored bytes. */
export async function organizationUsage(tx: Tx, tenantId: string): Promise<{ items: number; bytes: number }> {
  const [row] = await tx
    .select({ items: count(), bytes: sql<string>`coalesce(sum(${animalMedia.byteSize}), 0)` })
    .from(animalMedia)
    .where(eq(animalMedia.tenantId, tenantId));
  return { items: row.items, bytes: Number(row.bytes) };
}

/** Serialises quota checks of one organisation, so two concurrent requests cannot both take the last place. */
export async function lockOrganizationMedia(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('animal_media:' || ${tenantId}))`);
}

/** The next position at the end of the animal's media. */
export async function nextPosition(tx: Tx, animalId: string): Promise<number> {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${animalMedia.position}) + 1, 0)::int` })
    .from(animalMedia)
    .where(eq(animalMedia.animalId, animalId));
  return row.next;
}

export interface AbandonedUpload {
  id: string;
  tenantId: string;
  objectKey: string;
}

/** Deletes an upload only while it is still not completed (a completion racing the sweep wins). */
export async function deleteAbandonedUpload(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx
    .delete(animalMedia)
    .where(and(eq(animalMedia.id, id), eq(animalMedia.status, 'AWAITING_UPLOAD')))
    .returning({ id: animalMedia.id });
  return rows.length > 0;
}

export interface ObjectDeletion {
  id: string;
  objectKey: string;
}

/** Objects of a deleted animal still in the bucket (the caller's organisation deleted it). */
export function findObjectDeletionsOfAnimal(tx: Tx, animalId: string): Promise<ObjectDeletion[]> {
  return tx
    .select({ id: mediaObjectDeletions.id, objectKey: mediaObjectDeletions.objectKey })
    .from(mediaObjectDeletions)
    .where(eq(mediaObjectDeletions.animalId, animalId));
}

/** Forgets objects once deleted from the bucket. */
export async function deleteObjectDeletions(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.delete(mediaObjectDeletions).where(inArray(mediaObjectDeletions.id, [...ids]));
}
