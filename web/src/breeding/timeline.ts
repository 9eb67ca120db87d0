/** The session's timeline: what was read, then what the subscription delivers, each event once. */
export interface TimelineEvent {
  id: string;
  cursor: string;
  type: string;
  occurredAt: string;
  notes?: string | null;
}

/**
 * Appends the events not already shown. A resumed subscription replays from the last cursor seen,
 * and the WebSocket client may also re-send the first subscription: either can repeat an event.
 */
export function appendEvents(shown: readonly TimelineEvent[], arriving: readonly TimelineEvent[]): TimelineEvent[] {
  const seen = new Set(shown.map((event) => event.id));
  const added = arriving.filter((event) => !seen.has(event.id) && seen.add(event.id));
  return added.length === 0 ? (shown as TimelineEvent[]) : [...shown, ...added];
}

/** Where a (re)subscription starts: after the last event shown, or from the beginning. */
export function resumeCursor(shown: readonly TimelineEvent[]): string | undefined {
  return shown.length === 0 ? undefined : shown[shown.length - 1].cursor;
}

const LABELS: Record<string, string> = {
  INTRODUCED: 'Introduced',
  LOCK_OBSERVED: 'Lock observed',
  OVULATION: 'Ovulation',
  PRE_LAY_SHED: 'Pre-lay shed',
  EGGS_LAID: 'Eggs laid',
  CANDLED: 'Candled',
  HATCHED: 'Hatched',
  NOTE: 'Note',
  ENDED: 'Ended',
};

export function eventLabel(type: string): string {
  return LABELS[type] ?? type;
}

export const EVENT_TYPES = Object.keys(LABELS);
