import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import type { WebSavedSearchMatchFieldsFragment } from '../__generated__/graphql';
import { useConnectionStatus } from '../api/connection-status';
import { appendMatches, resumeAfter } from './live-matches';
import { SAVED_SEARCH_MATCHED, SAVED_SEARCH_MATCHES } from './marketplace-operations';

/**
 * A saved search's matches, live: read once, then subscribed from the last one read. After the
 * WebSocket reconnects the subscription starts again after the last match on screen, so a listing
 * matched meanwhile arrives once and none is lost.
 */
export function useLiveMatches(savedSearchId: string) {
  const read = useQuery(SAVED_SEARCH_MATCHES, { variables: { id: savedSearchId }, fetchPolicy: 'network-only' });
  const [matches, setMatches] = useState<WebSavedSearchMatchFieldsFragment[]>([]);
  const [fresh, setFresh] = useState<string[]>([]);
  const shown = useRef<WebSavedSearchMatchFieldsFragment[]>([]);
  const [after, setAfter] = useState<string | undefined | null>(null);
  const { reconnections } = useConnectionStatus();
  const initial = read.data?.savedSearch?.matches;

  useEffect(() => {
    if (!initial) return;
    shown.current = appendMatches(shown.current, initial);
    setMatches(shown.current);
    setAfter((current) => (current === null ? resumeAfter(shown.current) : current));
  }, [initial]);

  useEffect(() => {
    if (reconnections > 0) setAfter(resumeAfter(shown.current));
  }, [reconnections]);

  useSubscription(SAVED_SEARCH_MATCHED, {
    variables: { savedSearchId, after: after ?? undefined },
    skip: after === null,
    onData: ({ data }) => {
      const match = data.data?.savedSearchMatches;
      if (!match) return;
      const before = shown.current;
      shown.current = appendMatches(shown.current, [match]);
      if (shown.current !== before) setFresh((ids) => [...ids, match.id]);
      setMatches(shown.current);
    },
  });

  return { loading: read.loading && !initial, error: read.error, matches, fresh };
}
