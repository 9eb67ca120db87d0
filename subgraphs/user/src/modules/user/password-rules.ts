import { badInput } from '@studbook/platform';
import { isCommonPassword } from './common-passwords.js';

/**
 * NIST SP 800-63B: a minimum length and a blocklist of common passwords, no composition rules.
 * Length counts code points, so an emoji or an accented letter is one character, as users count.
 */
export const PASSWORD_LENGTH = { min: 10, max: 200 };

/** Refuses a new password (sign-up, change, reset) with BAD_USER_INPUT naming the rule it breaks. */
export function checkNewPassword(password: string, field = 'password'): void {
  // A code point is at most two UTF-16 units: a longer string is refused before it is spread.
  const length = password.length > 2 * PASSWORD_LENGTH.max ? Infinity : [...password].length;
  if (length < PASSWORD_LENGTH.min) throw badInput(`Password must be at least ${PASSWORD_LENGTH.min} characters`, field);
  if (length > PASSWORD_LENGTH.max) throw badInput(`Password must be at most ${PASSWORD_LENGTH.max} characters`, field);
  if (isCommonPassword(password)) throw badInput('Password is one of the 10,000 most common passwords: choose another', field);
}
