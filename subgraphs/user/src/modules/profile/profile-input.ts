import { badInput } from '@studbook/platform';
import type { UpdateProfileInput } from '../../__generated__/resolvers-types.js';

const MAX_NAME_LENGTH = 200;
const MAX_ADDRESS_LENGTH = 500;
// Digits with the usual separators and an optional leading +: what people type, not strict E.164.
const PHONE_SHAPE = /^\+?[0-9][0-9 ()./-]{2,38}$/;

/** The profile after an update: undefined = unchanged, null = cleared. */
export interface ProfileChange {
  name?: string;
  phone?: string | null;
  address?: string | null;
  locale?: string | null;
  timeZone?: string | null;
}

/** Validates and canonicalises an update; the first problem is a BAD_USER_INPUT naming its field. */
export function parseProfileInput(input: UpdateProfileInput): ProfileChange {
  const change: ProfileChange = {};
  if (input.name !== undefined) {
    const name = (input.name ?? '').trim();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) throw badInput(`name must be 1 to ${MAX_NAME_LENGTH} characters`, 'name');
    change.name = name;
  }
  if (input.phone !== undefined)
    change.phone = optional(input.phone, (phone) => (PHONE_SHAPE.test(phone) ? phone : null), 'phone', 'Enter a phone number of digits, spaces and + ( ) . / -');
  if (input.address !== undefined) {
    change.address = optional(
      input.address,
      (address) => (address.length <= MAX_ADDRESS_LENGTH ? address : null),
      'address',
      `address must be at most ${MAX_ADDRESS_LENGTH} characters`,
    );
  }
  if (input.locale !== undefined) change.locale = optional(input.locale, canonicalLocale, 'locale', 'locale must be a BCP 47 language tag such as en-GB');
  if (input.timeZone !== undefined) change.timeZone = optional(input.timeZone, canonicalTimeZone, 'timeZone', 'timeZone must be an IANA time zone such as Europe/Berlin');
  return change;
}

/** null or blank clears the field; otherwise `accept` returns the stored form or null to refuse. */
function optional(value: string | null, accept: (trimmed: string) => string | null, field: string, message: string): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  const accepted = accept(trimmed);
  if (accepted === null) throw badInput(message, field);
  return accepted;
}

export function canonicalLocale(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical ?? null;
  } catch {
    return null;
  }
}

export function canonicalTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
