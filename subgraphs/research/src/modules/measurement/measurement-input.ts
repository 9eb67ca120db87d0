import { badInput } from '@studbook/platform';

const TRAIT = /^[A-Za-z][A-Za-z0-9_ .-]*$/;
export const TRAIT_MAX_LENGTH = 64;
export const UNIT_MAX_LENGTH = 16;
// Clocks of field devices drift; a few minutes ahead is still "now".
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
export const EARLIEST_MEASUREMENT = new Date('1900-01-01T00:00:00Z');

/** A trimmed trait name such as "weight" or "fleece_weight". */
export function validTrait(trait: string): string {
  const trimmed = trait.trim();
  if (!trimmed || trimmed.length > TRAIT_MAX_LENGTH) throw badInput(`Trait must be 1 to ${TRAIT_MAX_LENGTH} characters`, 'trait');
  if (!TRAIT.test(trimmed)) throw badInput('Trait must start with a letter and contain only letters, digits, spaces, "_", "." or "-"', 'trait');
  return trimmed;
}

export function validUnit(unit: string): string {
  const trimmed = unit.trim();
  if (!trimmed || trimmed.length > UNIT_MAX_LENGTH) throw badInput(`Unit must be 1 to ${UNIT_MAX_LENGTH} characters`, 'unit');
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw badInput('Unit must not contain control characters', 'unit');
  return trimmed;
}

export function validValue(value: number): number {
  if (!Number.isFinite(value)) throw badInput('Value must be a finite number', 'value');
  return value;
}

/** Defaults to now; refuses instants in the future (beyond clock drift) or before 1900. */
export function validMeasuredAt(measuredAt: Date | string | null | undefined, now = new Date()): Date {
  if (measuredAt == null) return now;
  const date = new Date(measuredAt);
  if (Number.isNaN(date.getTime())) throw badInput('measuredAt must be an ISO 8601 timestamp', 'measuredAt');
  if (date.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw badInput('measuredAt cannot be in the future', 'measuredAt');
  if (date < EARLIEST_MEASUREMENT) throw badInput('measuredAt cannot be before 1900', 'measuredAt');
  return date;
}
