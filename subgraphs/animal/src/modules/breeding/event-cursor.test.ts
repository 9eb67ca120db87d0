import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { eventCursor, parseEventCursor } from './event-cursor.js';

const session = '0b9d5f7e-1c2a-4e3b-8f00-000000000001';
const other = '0b9d5f7e-1c2a-4e3b-8f00-000000000002';

describe('event cursors', () => {
  it('round-trip the sequence number of their own session', () => {
    expect(parseEventCursor(eventCursor(session, 42), session)).toBe(42);
    expect(parseEventCursor(eventCursor(session, 1), session.toUpperCase())).toBe(1);
  });

  it("refuse another session's cursor and anything that is not a cursor", () => {
    expect(rejectionOf(() => parseEventCursor(eventCursor(other, 3), session))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    for (const bad of [
      '',
      'not-a-cursor',
      Buffer.from('[1]').toString('base64url'),
      eventCursor(session, 0),
      Buffer.from(JSON.stringify([session, 1.5])).toString('base64url'),
    ]) {
      expect(
        rejectionOf(() => parseEventCursor(bad, session)),
        bad,
      ).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});
