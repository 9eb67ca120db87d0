import { badInput, validId } from '@studbook/platform';
import { ALLOWED_TYPES, MAX_MEDIA_BYTES, type MediaContentType, type MediaKind } from './media-types.js';

export interface RequestMediaUploadInput {
  animalId: string;
  kind: MediaKind;
  contentType: string;
  byteSize: number;
  fileName: string;
  caption?: string | null;
  takenAt?: Date | string | null;
  idempotencyKey?: string | null;
}

export interface UpdateMediaInput {
  caption?: string | null;
  takenAt?: Date | string | null;
  position?: number | null;
}

const MAX_CAPTION = 2_000;
const MAX_FILE_NAME = 255;
const MAX_POSITION = 10_000;

export interface ValidUpload {
  animalId: string;
  kind: MediaKind;
  contentType: MediaContentType;
  byteSize: number;
  fileName: string;
  caption: string | null;
  takenAt: Date | null;
}

/** Everything about an upload that can be refused before a byte is sent. */
export function validUpload(input: RequestMediaUploadInput): ValidUpload {
  const allowed: readonly string[] = ALLOWED_TYPES[input.kind];
  const contentType = input.contentType.trim().toLowerCase();
  if (!allowed.includes(contentType)) throw badInput(`A ${input.kind.toLowerCase()} must be one of ${allowed.join(', ')}`, 'input.contentType');
  if (!Number.isInteger(input.byteSize) || input.byteSize <= 0) throw badInput('byteSize must be the file size in bytes', 'input.byteSize');
  if (input.byteSize > MAX_MEDIA_BYTES) throw badInput(`A file may have at most ${MAX_MEDIA_BYTES.toLocaleString('en')} bytes`, 'input.byteSize');
  return {
    animalId: validId(input.animalId, 'input.animalId'),
    kind: input.kind,
    contentType: contentType as MediaContentType,
    byteSize: input.byteSize,
    fileName: validFileName(input.fileName),
    caption: validCaption(input.caption, 'input.caption'),
    takenAt: validTakenAt(input.takenAt, 'input.takenAt'),
  };
}

export function validMediaChanges(input: UpdateMediaInput) {
  const changes: { caption?: string | null; takenAt?: Date | null; position?: number } = {};
  if (input.caption !== undefined) changes.caption = validCaption(input.caption, 'input.caption');
  if (input.takenAt !== undefined) changes.takenAt = validTakenAt(input.takenAt, 'input.takenAt');
  if (input.position != null) {
    if (!Number.isInteger(input.position) || input.position < 0 || input.position > MAX_POSITION) {
      throw badInput(`position must be from 0 to ${MAX_POSITION}`, 'input.position');
    }
    changes.position = input.position;
  }
  if (Object.keys(changes).length === 0) throw badInput('Give at least one of caption, takenAt and position', 'input');
  return changes;
}

/** A plain name as shown to people downloading it: no folders, at most 255 characters. */
function validFileName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > MAX_FILE_NAME || /[/\\]/.test(trimmed))
    throw badInput(`fileName must be a file name of 1 to ${MAX_FILE_NAME} characters, without folders`, 'input.fileName');
  return trimmed;
}

function validCaption(caption: string | null | undefined, field: string): string | null {
  const trimmed = caption?.trim() || null;
  if (trimmed && trimmed.length > MAX_CAPTION) throw badInput(`A caption may have at most ${MAX_CAPTION} characters`, field);
  return trimmed;
}

/** The DateTime scalar has checked the text; a day ahead is allowed for clocks and time zones. */
function validTakenAt(takenAt: Date | string | null | undefined, field: string): Date | null {
  if (takenAt == null) return null;
  const at = new Date(takenAt);
  if (at.getTime() > Date.now() + 24 * 3600_000) throw badInput('takenAt cannot be in the future', field);
  return at;
}
