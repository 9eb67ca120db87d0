import type { Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type Labels = Record<string, string>;

/** Seconds, from a fast resolver to a slow federated pedigree. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Keys per DataLoader batch: one key (no batching at all) up to a page of 1,000. */
export const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/**
 * Prometheus metrics of one deployable (or of the one `npm start` process), in its own prom-client
 * registry with the default process metrics. Metrics are made on first use from their name, help
 * and the label names of that first call; prom-client escapes label values.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter>();
  private readonly histograms = new Map<string, Histogram>();
  // Counter values kept beside prom-client's (whose reads are async) for get(): the statement-count tests read it between requests.
  private readonly tallies = new Map<string, number>();

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  increment(name: string, help: string, labels: Labels = {}, by = 1): void {
    let counter = this.counters.get(name);
    if (!counter) this.counters.set(name, (counter = new Counter({ name, help, labelNames: Object.keys(labels), registers: [this.registry] })));
    counter.inc(labels, by);
    const key = tallyKey(name, labels);
    this.tallies.set(key, (this.tallies.get(key) ?? 0) + by);
  }

  /** Records one observation (a duration in seconds, a batch size) in a histogram. */
  observe(name: string, help: string, labels: Labels, value: number, buckets = LATENCY_BUCKETS): void {
    let histogram = this.histograms.get(name);
    if (!histogram) this.histograms.set(name, (histogram = new Histogram({ name, help, labelNames: Object.keys(labels), buckets, registers: [this.registry] })));
    histogram.observe(labels, value);
  }

  /** Starts a timer; calling the result records the seconds elapsed, with labels known only at the end. */
  startTimer(name: string, help: string, buckets = LATENCY_BUCKETS): (labels: Labels) => void {
    const started = process.hrtime.bigint();
    return (labels) => this.observe(name, help, labels, Number(process.hrtime.bigint() - started) / 1e9, buckets);
  }

  /**
   * A gauge read at each scrape (pool sizes, cache entries, outbox lag, open subscriptions): `read`
   * returns the current values, one per label set. A second gauge of the same name adds its series.
   */
  gauge(name: string, help: string, labelNames: string[], read: () => Promise<{ labels: Labels; value: number }[]> | { labels: Labels; value: number }[]): void {
    const existing = this.registry.getSingleMetric(name) as (Gauge & { readers?: (typeof read)[] }) | undefined;
    if (existing?.readers) return void existing.readers.push(read);
    const readers = [read];
    const gauge = new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const reader of readers) for (const { labels, value } of await reader()) this.set(labels, value);
      },
    });
    Object.assign(gauge, { readers });
  }

  /** The current value of one counter series (0 if never incremented). */
  get(name: string, labels: Labels = {}): number {
    return this.tallies.get(tallyKey(name, labels)) ?? 0;
  }

  /** Prometheus text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Answers a scrape: the exposition text with prom-client's content type, or 500 if a gauge's read failed. */
export async function sendMetrics(metrics: Metrics, res: Response): Promise<void> {
  try {
    res.type(metrics.contentType).send(await metrics.render());
  } catch (error) {
    res
      .status(500)
      .type('text/plain')
      .send(`metrics unavailable: ${(error as Error).message}`);
  }
}

function tallyKey(name: string, labels: Labels): string {
  return `${name}${JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))}`;
}
