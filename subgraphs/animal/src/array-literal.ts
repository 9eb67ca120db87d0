/**
 * A PostgreSQL array literal passed as one text parameter: Drizzle would expand a JS array into
 * one parameter per element, and an import passes 100,000 ids (PostgreSQL allows 65,535 parameters).
 */
export function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.join(',')}}`;
}
