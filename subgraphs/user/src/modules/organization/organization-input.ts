import { badInput } from '@studbook/platform';
import { normalizeEmail } from '../../dynamo/keys.js';
import { checkEmail } from '../user/user-input.js';

const MAX_NAME_LENGTH = 200;
const MAX_RETENTION_DAYS = 3650;

export function validOrganizationName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) throw badInput(`name must be 1 to ${MAX_NAME_LENGTH} characters`, 'name');
  return trimmed;
}

/** Lower-cased: an invitation is matched against the accepting user's email whatever its case. */
export function validInvitationEmail(email: string): string {
  const normalized = normalizeEmail(email);
  checkEmail(normalized);
  return normalized;
}

export function checkRetentionDays(days: number | null): void {
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS)) {
    throw badInput(`days must be 1 to ${MAX_RETENTION_DAYS}, or null to keep conversations`, 'days');
  }
}
