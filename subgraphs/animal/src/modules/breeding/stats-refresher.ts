import type { Logger } from '@studbook/platform';

/**
 * Coalesces refreshes of the breeding_stats view in one process: a caller that arrives while a
 * refresh runs waits for the next one (which starts after its own commit), and every caller that
 * arrives meanwhile shares that next one, so a burst of events costs two refreshes, not one each.
 */
export class BreedingStatsRefresher {
  private tail: Promise<void> = Promise.resolve();
  private pending: Promise<void> | null = null;

  constructor(
    private readonly refreshOnce: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** Resolves once a refresh that started after this call has finished; never rejects (stats lag, events stand). */
  refresh(): Promise<void> {
    if (this.pending) return this.pending;
    const run = this.tail.then(async () => {
      this.pending = null;
      try {
        await this.refreshOnce();
      } catch (error) {
        this.logger.error('breeding stats refresh failed', { error: String(error) });
      }
    });
    this.pending = run;
    this.tail = run;
    return run;
  }
}
