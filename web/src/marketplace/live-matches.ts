/** A saved search's matches as shown: what was read, then what the subscription delivers, each once. */
export interface ShownMatch {
  id: string;
  cursor: string;
}

/**
 * Appends the matches not already shown. After a reconnection the subscription replays from the
 * last cursor shown, and graphql-ws may re-send a subscription: either can repeat a match.
 */
export function appendMatches<T extends ShownMatch>(shown: readonly T[], arriving: readonly T[]): T[] {
  const seen = new Set(shown.map((match) => match.id));
  const added = arriving.filter((match) => !seen.has(match.id) && seen.add(match.id));
  return added.length === 0 ? (shown as T[]) : [...shown, ...added];
}

/** Where a (re)subscription starts: after the last match shown, or from the beginning. */
export function resumeAfter(shown: readonly ShownMatch[]): string | undefined {
  return shown.length === 0 ? undefined : shown[shown.length - 1].cursor;
}
