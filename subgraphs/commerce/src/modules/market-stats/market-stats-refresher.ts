import { everyAggregateTopic, type EventBus, type Logger } from '@studbook/platform';

export interface MarketStatsRefresherDeps {
  bus: EventBus;
  /** One refresh of market_listings. */
  refreshOnce: () => Promise<void>;
  logger: Logger;
  /** How often it refreshes whatever the bus delivered (pub/sub drops what is sent while away); default 60 s. */
  intervalMs?: number;
}

/**
 * Keeps market_listings current: a refresh after listing events, coalesced so that a burst of
 * events costs two refreshes, not one each (a caller arriving while one runs shares the next,
 * which starts after it), and a periodic one as the safety net for missed messages.
 */
export class MarketStatsRefresher {
  private tail: Promise<void> = Promise.resolve();
  private pending: Promise<void> | null = null;
  private unsubscribe?: () => Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(private readonly deps: MarketStatsRefresherDeps) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.deps.bus.subscribe(everyAggregateTopic('listing'), () => void this.refresh());
    this.timer = setInterval(() => void this.refresh(), this.deps.intervalMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.unsubscribe?.();
    await this.tail;
  }

  /** Resolves once a refresh that started after this call has finished; never rejects (statistics lag, listings stand). */
  refresh(): Promise<void> {
    if (this.pending) return this.pending;
    const run = this.tail.then(async () => {
      this.pending = null;
      try {
        await this.deps.refreshOnce();
      } catch (error) {
        this.deps.logger.warn('market stats refresh failed, retrying at the next event or pass', { error: (error as Error).message });
      }
    });
    this.pending = run;
    this.tail = run;
    return run;
  }
}
