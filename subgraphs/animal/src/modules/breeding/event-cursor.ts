import { badInput, isUuid } from '@studbook/platform';

/**
 * An event's cursor: opaque to clients, it carries the session and the event's sequence number,
 * so a cursor of another session is refused instead of silently skipping events.
 */
export function eventCursor(sessionId: string, seq: number): string {
  return Buffer.from(JSON.stringify([sessionId, seq])).toString('base64url');
}

/** The sequence number a cursor points at; BAD_USER_INPUT (field `after`) unless it is a cursor of this session. */
export function parseEventCursor(cursor: string, sessionId: string): number {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('Invalid cursor', 'after');
  }
  const [session, seq] = Array.isArray(parts) && parts.length === 2 ? parts : [];
  if (typeof session !== 'string' || !isUuid(session) || !Number.isSafeInteger(seq) || seq < 1) throw badInput('Invalid cursor', 'after');
  if (session.toLowerCase() !== sessionId.toLowerCase()) throw badInput('The cursor belongs to another breeding session', 'after');
  return seq;
}
