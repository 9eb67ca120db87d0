import { breedingSessionEventRecorded } from '@studbook/contracts/events';
import { defineSubscriptionField, type ListedItem } from '../subscription-field.js';

/** Nothing can be recorded after it. */
const ENDED = 'ENDED';

interface SessionEvents {
  breedingSession?: { events: { id: string; cursor: string; type: string }[] } | null;
}

/** `breedingSessionEvents(sessionId, after)`: a breeding session's events as they are recorded. */
export const breedingSessionEvents = defineSubscriptionField({
  field: 'breedingSessionEvents',
  itemsLabel: 'Breeding events',
  event: breedingSessionEventRecorded,
  aggregateId: (args) => String(args.sessionId),
  after: (args) => (args.after as string | null | undefined) ?? null,
  announced: ({ eventId, type }) => ({ id: eventId, last: type === ENDED }),
  replay: {
    query: /* GraphQL */ `
      query StudbookSessionEventIds($sessionId: ID!, $after: String) {
        breedingSession(id: $sessionId) { events(after: $after) { id cursor type } }
      }
    `,
    variables: (sessionId, after) => ({ sessionId, after }),
    items: (data) =>
      (data as SessionEvents | null | undefined)?.breedingSession?.events.map(({ id, cursor, type }): ListedItem => ({ id, cursor, last: type === ENDED })) ?? null,
    notFound: 'Breeding session',
  },
  read: { field: 'breedingEvent', idArgument: 'id', cursorField: 'cursor' },
});
