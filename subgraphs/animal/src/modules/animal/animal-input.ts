import { badInput, validId } from '@studbook/platform';

export const NAME_MAX_LENGTH = 120;

/** Trims a name and rejects empty, over-long or control-character names. */
export function validName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (!trimmed) throw badInput('Name must not be empty', field);
  if (trimmed.length > NAME_MAX_LENGTH) throw badInput(`Name must be at most ${NAME_MAX_LENGTH} characters`, field);
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw badInput('Name must not contain control characters', field);
  return trimmed;
}

/** Hatch dates cannot lie in the future. */
export function validHatchDate(date: string | null | undefined): string | null {
  if (!date) return null;
  if (date > new Date().toISOString().slice(0, 10)) throw badInput('Hatch date cannot be in the future', 'hatchDate');
  return date;
}

/** A parent id as given: null or absent means no parent, anything else must be a UUID. */
export function validParentId(id: string | null | undefined, field: 'sireId' | 'damId'): string | null {
  return id == null ? null : validId(id, field);
}

export const EXTERNAL_ID_MAX_LENGTH = 100;

/** What is wrong with a breeder's id (already trimmed), or null. "0" is reserved: herdbooks write it for an unknown parent. */
export function externalIdProblem(id: string): string | null {
  if (!id) return 'must not be empty';
  if (id === '0') return 'must not be "0", which means an unknown parent';
  if (id.length > EXTERNAL_ID_MAX_LENGTH) return `must be at most ${EXTERNAL_ID_MAX_LENGTH} characters`;
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'must not contain control characters';
  return null;
}

/** A breeder's id as given: null or absent means none, anything else is trimmed and checked. */
export function validExternalId(id: string | null | undefined): string | null {
  if (id == null) return null;
  const trimmed = id.trim();
  const problem = externalIdProblem(trimmed);
  if (problem) throw badInput(`External id ${problem}`, 'externalId');
  return trimmed;
}

export const DESCRIPTION_MAX_LENGTH = 4_000;

/** A keeper's free text: trimmed, empty means none; tabs and line breaks are fine, other control characters are not. */
export function validDescription(text: string | null | undefined): string | null {
  if (text == null) return null;
  const trimmed = text.trim();
  if (trimmed.length > DESCRIPTION_MAX_LENGTH) throw badInput(`Description must be at most ${DESCRIPTION_MAX_LENGTH} characters`, 'description');
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) throw badInput('Description must not contain control characters', 'description');
  return trimmed || null;
}

export type AnimalStatus = 'ACTIVE' | 'HOLDBACK' | 'SOLD' | 'DECEASED';

/** What a keeper may set: every status but SOLD, which only a completed sale writes. */
export function validStatus(status: AnimalStatus): AnimalStatus {
  if (status === 'SOLD') throw badInput('An animal is marked SOLD only by a completed sale', 'status');
  return status;
}

/**
 * The death date a status and hatch date allow: required for DECEASED and refused otherwise; not
 * in the future and not before hatching.
 */
export function validDeceasedAt(status: AnimalStatus, deceasedAt: string | null | undefined, hatchDate: string | null): string | null {
  if (status !== 'DECEASED') {
    if (deceasedAt) throw badInput('Only a DECEASED animal has a date of death', 'deceasedAt');
    return null;
  }
  if (!deceasedAt) throw badInput('A DECEASED animal needs its date of death', 'deceasedAt');
  if (deceasedAt > new Date().toISOString().slice(0, 10)) throw badInput('Date of death cannot be in the future', 'deceasedAt');
  if (hatchDate && deceasedAt < hatchDate) throw badInput('Date of death cannot be before the hatch date', 'deceasedAt');
  return deceasedAt;
}
