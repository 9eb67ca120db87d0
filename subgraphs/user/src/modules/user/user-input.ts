import { badInput } from '@studbook/platform';
import type { SignUpInput } from '../../__generated__/resolvers-types.js';
import { isCommonPassword } from './common-passwords.js';

// Deliberately loose: one @, no spaces, a dot in the domain. Real validation is the email arriving.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 200;

/**
 * NIST SP 800-63B: a minimum length and a blocklist of common passwords, no composition rules.
 * Length counts code points, so an emoji or an accented letter is one character, as users count.
 */
export const PASSWORD_LENGTH = { min: 10, max: 200 };

/** Validates and trims a sign-up; the first problem becomes a BAD_USER_INPUT error naming its field. */
export function parseSignUpInput(input: SignUpInput): SignUpInput {
  const email = input.email.trim();
  checkEmail(email);
  // Passwords are taken as typed: trimming would silently change what the user chose.
  const { password } = input;
  checkNewPassword(password);
  return {
    email,
    password,
    name: requireName(input.name, 'name'),
    organizationName: requireName(input.organizationName, 'organizationName'),
  };
}

/** Refuses what cannot be an email address (sign-up, invitations) with BAD_USER_INPUT on `email`. */
export function checkEmail(email: string): void {
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(email)) throw badInput('Enter a valid email address', 'email');
}

/** Refuses a new password (sign-up, change, reset) with BAD_USER_INPUT naming the rule it breaks. */
export function checkNewPassword(password: string, field = 'password'): void {
  // A code point is at most two UTF-16 units: a longer string is refused before it is spread.
  const length = password.length > 2 * PASSWORD_LENGTH.max ? Infinity : [...password].length;
  if (length < PASSWORD_LENGTH.min) throw badInput(`Password must be at least ${PASSWORD_LENGTH.min} characters`, field);
  if (length > PASSWORD_LENGTH.max) throw badInput(`Password must be at most ${PASSWORD_LENGTH.max} characters`, field);
  if (isCommonPassword(password)) throw badInput('Password is one of the 10,000 most common passwords: choose another', field);
}

function requireName(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) throw badInput(`${field} must be 1 to ${MAX_NAME_LENGTH} characters`, field);
  return trimmed;
}
