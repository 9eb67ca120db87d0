import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { visibility } from './animal-tables.js';
import { createdAt, tenantId, updatedAt } from '../shared/platform-tables.js';
import { animals } from './animal-tables.js';

export const mediaKind = pgEnum('media_kind', ['PHOTO', 'DOCUMENT']);

/** AWAITING_UPLOAD until completeMediaUpload checks the bytes; then PENDING until its renditions are made (photos). */
export const mediaStatus = pgEnum('media_status', ['AWAITING_UPLOAD', 'PENDING', 'READY', 'FAILED']);

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A photo or document of an animal, its bytes in object storage under `object_key`. `visibility`
 * is the animal's, kept equal by a trigger on animals (functions/studbook_media_follow_animal.sql),
 * so the public_read policy of tenancy.sql shows a PUBLIC animal's media to everyone and nothing else.
 */
export const animalMedia = pgTable(
  'animal_media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    animalId: uuid('animal_id')
      .notNull()
      .references(() => animals.id, { onDelete: 'cascade' }),
    visibility: visibility('visibility').notNull(),
    kind: mediaKind('kind').notNull(),
    status: mediaStatus('status').notNull().default('AWAITING_UPLOAD'),
    failureReason: text('failure_reason'),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    fileName: text('file_name').notNull(),
    objectKey: text('object_key').notNull(),
    caption: text('caption'),
    takenAt: instant('taken_at'),
    /** Order within the animal's media, ascending; ties by creation. */
    position: integer('position').notNull().default(0),
    isCover: boolean('is_cover').notNull().default(false),
    width: integer('width'),
    height: integer('height'),
    /** Renditions by name (w320, w1280): object keys of WebP images. */
    renditions: jsonb('renditions').$type<Record<string, string>>().notNull().default({}),
    completedAt: instant('completed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('animal_media_animal_position').on(t.animalId, t.position, t.createdAt),
    index('animal_media_awaiting_upload').on(t.createdAt).where(sql`status = 'AWAITING_UPLOAD'`),
    // One cover photo per animal, race-free.
    uniqueIndex('animal_media_one_cover').on(t.animalId).where(sql`is_cover`),
    check('animal_media_byte_size', sql`${t.byteSize} > 0`),
  ],
);

/**
 * An issued pedigree certificate: the facts printed on it (as the issuer saw them, with other
 * organisations' private ancestors redacted) and their SHA-256, so a verification can tell
 * whether the record has changed since.
 */
export const pedigreeCertificates = pgTable('pedigree_certificates', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: tenantId(),
  animalId: uuid('animal_id')
    .notNull()
    .references(() => animals.id, { onDelete: 'cascade' }),
  generations: integer('generations').notNull(),
  facts: jsonb('facts').notNull(),
  contentHash: text('content_hash').notNull(),
  objectKey: text('object_key').notNull(),
  /**
   * The owning organisation's name as printed (asked of the user subgraph at issue); null where it
   * could not be asked, and on certificates issued before names were printed. Not among the hashed
   * facts: renaming an organisation changes no pedigree.
   */
  ownerName: text('owner_name'),
  issuedAt: createdAt(),
});

/**
 * Objects of a deleted animal still to be removed from the bucket: its media (originals and
 * renditions) and certificate PDFs. Written by a trigger in the deleting transaction
 * (functions/studbook_media_objects_of_deleted_animal.sql), so the bucket cannot keep bytes no row
 * names however the deletion ends; the media cleanup deletes the objects, then the row.
 */
export const mediaObjectDeletions = pgTable(
  'media_object_deletions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    /** The deleted animal's id (the animal is gone: no foreign key). */
    animalId: uuid('animal_id').notNull(),
    objectKey: text('object_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('media_object_deletions_animal').on(t.animalId), index('media_object_deletions_created').on(t.createdAt)],
);
