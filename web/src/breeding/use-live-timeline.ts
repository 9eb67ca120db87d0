import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useConnectionStatus } from '../api/connection-status';
import { SESSION, SESSION_EVENTS } from './breeding-operations';
import { appendEvents, resumeCursor, type TimelineEvent } from './timeline';

/**
 * The session and its events, live: read once, then the subscription from the last event read.
 * After the WebSocket reconnects, the subscription starts again after the last event shown, so
 * nothing recorded meanwhile is lost and nothing shown is repeated.
 */
export function useLiveTimeline(sessionId: string) {
  const session = useQuery(SESSION, { variables: { id: sessionId } });
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const shown = useRef<TimelineEvent[]>([]);
  const [after, setAfter] = useState<string | undefined | null>(null);
  const { reconnections } = useConnectionStatus();
  const initial = session.data?.breedingSession?.events;

  useEffect(() => {
    if (!initial) return;
    shown.current = appendEvents(shown.current, initial);
    setEvents(shown.current);
    setAfter((current) => (current === null ? resumeCursor(shown.current) : current));
  }, [initial]);

  // Every reconnection: resume from what is on screen now.
  useEffect(() => {
    if (reconnections > 0) setAfter(resumeCursor(shown.current));
  }, [reconnections]);

  useSubscription(SESSION_EVENTS, {
    variables: { sessionId, after: after ?? undefined },
    skip: after === null,
    onData: ({ data }) => {
      const event = data.data?.breedingSessionEvents;
      if (!event) return;
      shown.current = appendEvents(shown.current, [event]);
      setEvents(shown.current);
      // The clutch changes with these events: read it again.
      if (['EGGS_LAID', 'CANDLED', 'HATCHED', 'ENDED'].includes(event.type)) void session.refetch();
    },
  });

  return { session, events };
}
