import { useConnectionStatus } from '../api/connection-status';

/** Says when the live connection is lost and being re-established (feeds resume where they stopped). */
export function ConnectionIndicator() {
  const { status } = useConnectionStatus();
  return (
    <span className={`connection ${status}`} role="status" aria-live="polite">
      {status === 'reconnecting' ? 'Reconnecting…' : status === 'connected' ? 'Live' : ''}
    </span>
  );
}
