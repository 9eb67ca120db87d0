/**
 * What never reaches a log line: secrets and personal data, by field name wherever they sit (pino's
 * redact paths reach two levels down: a field, and a field of an object or array in it) and, in any
 * string, what looks like an email address or a bearer token.
 */
const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'sessionToken',
  'identityToken',
  'idempotencyKey',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
  'set-cookie',
  'x-studbook-identity',
];
const PERSONAL_FIELDS = ['email', 'phone', 'phoneNumber', 'address', 'displayName', 'firstName', 'lastName', 'dateOfBirth', 'ip', 'userAgent'];

const FIELDS = [...SECRET_FIELDS, ...PERSONAL_FIELDS];
const path = (field: string) => (/^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`);
const join = (prefix: string, field: string) => (path(field).startsWith('[') ? `${prefix}${path(field)}` : `${prefix}.${field}`);

export const REDACTED = '[redacted]';

/** pino `redact.paths`: each field at the top, one level and two levels down (headers.authorization, input.owner.email). */
export const REDACT_PATHS = FIELDS.flatMap((field) => [path(field), join('*', field), join('*.*', field)]);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/** Masks emails and credentials inside free text (a message, an error's text). */
export function scrubText(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(BEARER, `$1 ${REDACTED}`);
}

/** Masks emails and credentials in every string of a log record's fields, to a bounded depth. */
export function scrubValues(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubValues(item, depth + 1));
  if (value instanceof Error) return scrubValues({ name: value.name, message: value.message, stack: value.stack }, depth);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValues(item, depth + 1)]));
}
