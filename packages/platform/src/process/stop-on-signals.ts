import type { Logger } from '../logger.js';
import { flushTracing } from '../tracing/tracing.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Stops a deployable on the first SIGINT or SIGTERM: logs, awaits `stop` and the export of its last spans, then exits 0,
 * or logs and exits 1 when stopping failed. Only the first signal is handled; any later one
 * gets Node's default and ends a stop that hangs.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  const onSignal = async (signal: NodeJS.Signals) => {
    for (const other of SIGNALS) process.off(other, onSignal);
    logger.info('stopping', { signal });
    try {
      await stop();
      // The last requests' spans, still in the batch, before the process is gone.
      await flushTracing();
    } catch (error) {
      logger.error('stopping failed', { signal, error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    }
    process.exit(0);
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
}
