import { useSyncExternalStore } from 'react';

/** State of the subscriptions' WebSocket, for the reconnecting indicator and for resuming feeds. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

let status: ConnectionStatus = 'idle';
/** Incremented on every connection after the first: a feed resumes from its last cursor when it changes. */
let reconnections = 0;
const listeners = new Set<() => void>();

export function setConnectionStatus(next: ConnectionStatus): void {
  if (next === 'connected' && status === 'reconnecting') reconnections += 1;
  status = next;
  for (const listener of listeners) listener();
}

export function connectionStatus(): ConnectionStatus {
  return status;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useConnectionStatus(): { status: ConnectionStatus; reconnections: number } {
  const current = useSyncExternalStore(subscribe, () => status);
  const count = useSyncExternalStore(subscribe, () => reconnections);
  return { status: current, reconnections: count };
}
