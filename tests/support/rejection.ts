/** The GraphQL error extensions of what `run` throws; fails the test if it does not throw. */
export function rejectionOf(run: () => unknown): Record<string, unknown> | undefined {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: Record<string, unknown> }).extensions;
  }
  throw new Error('expected a rejection');
}
