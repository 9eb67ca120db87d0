/** An error as operators need it in the log: what failed, what the database said, where. Never sent to clients. */
export function describeError(error: unknown): Record<string, unknown> {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  if (!(original instanceof Error)) return { value: String(original) };
  // Drizzle wraps the driver's error ("Failed query: ..."): what PostgreSQL said is in its cause.
  const { code, detail, constraint } = original as Error & { code?: unknown; detail?: unknown; constraint?: unknown };
  return {
    message: original.message,
    ...(code !== undefined && { code }),
    ...(detail !== undefined && { detail }),
    ...(constraint !== undefined && { constraint }),
    stack: original.stack,
    ...(original.cause !== undefined && { cause: describeError(original.cause) }),
  };
}
