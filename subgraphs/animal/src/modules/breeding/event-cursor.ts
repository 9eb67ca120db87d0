import { badInput, cursorCodec, isUuid } from '@studbook/platform';

const eventCursors = cursorCodec<{ sessionId: string; seq: number }>({
  toParts: ({ sessionId, seq }) => [sessionId, seq],
  fromParts: (parts) => {
    const [sessionId, seq] = parts.length === 2 ? parts : [];
    if (typeof sessionId !== 'string' || !isUuid(sessionId) || !Number.isSafeInteger(seq) || (seq as number) < 1) return null;
    return { sessionId, seq: seq as number };
  },
});

/**
 * An event's cursor: opaque to clients, it carries the session and the event's sequence number,
 * so a cursor of another session is refused instead of silently skipping events.
 */
export function eventCursor(sessionId: string, seq: number): string {
  return eventCursors.encode({ sessionId, seq });
}

/** The sequence number a cursor points at; BAD_USER_INPUT (field `after`) unless it is a cursor of this session. */
export function parseEventCursor(cursor: string, sessionId: string): number {
  const position = eventCursors.decode(cursor);
  if (position.sessionId.toLowerCase() !== sessionId.toLowerCase()) throw badInput('The cursor belongs to another breeding session', 'after');
  return position.seq;
}
