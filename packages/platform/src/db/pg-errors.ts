/** PostgreSQL refused a write for this constraint with this SQLSTATE; Drizzle wraps the driver's error in `cause`. */
function violates(error: unknown, code: string, constraint: string): boolean {
  const pgError = ((error as { cause?: unknown })?.cause ?? error) as { code?: string; constraint?: string };
  return pgError?.code === code && pgError.constraint === constraint;
}

/** A unique index refused a duplicate. */
export const isUniqueViolation = (error: unknown, constraint: string) => violates(error, '23505', constraint);

/** A foreign key refused: a row still referenced (on delete) or a referenced row gone (on insert or update). */
export const isForeignKeyViolation = (error: unknown, constraint: string) => violates(error, '23503', constraint);

/** A CHECK constraint refused the row. */
export const isCheckViolation = (error: unknown, constraint: string) => violates(error, '23514', constraint);
