import { badInput } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every domain id is a UUID; checking first keeps malformed ids away from PostgreSQL's casts. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A client-supplied id in PostgreSQL's lowercase form, or a BAD_USER_INPUT naming the field. */
export function validId(id: string, field: string): string {
  if (!isUuid(id)) throw badInput(`${field} must be a UUID`, field);
  return id.toLowerCase();
}
