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
