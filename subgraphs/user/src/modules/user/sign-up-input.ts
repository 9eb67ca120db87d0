import { badInput } from '@studbook/platform';
import type { SignUpInput } from '../../__generated__/resolvers-types.js';
import { checkNewPassword } from './password-rules.js';

// Deliberately loose: one @, no spaces, a dot in the domain. Real validation is the email arriving.
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 200;

/** Validates and trims a sign-up; the first problem becomes a BAD_USER_INPUT error naming its field. */
export function parseSignUpInput(input: SignUpInput): SignUpInput {
  const email = input.email.trim();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(email)) throw badInput('Enter a valid email address', 'email');
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

function requireName(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) throw badInput(`${field} must be 1 to ${MAX_NAME_LENGTH} characters`, field);
  return trimmed;
}
