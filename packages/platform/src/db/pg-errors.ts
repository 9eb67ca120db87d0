/** True when PostgreSQL refused a write for a unique index; Drizzle wraps the driver's error in `cause`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = ((error as { cause?: unknown })?.cause ?? error) as { code?: string; constraint?: string };
  return pgError?.code === '23505' && pgError.constraint === constraint;
}
