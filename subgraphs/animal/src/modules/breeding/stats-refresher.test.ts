import { describe, expect, it } from 'vitest';
import { createLogger } from '@studbook/platform';
import { BreedingStatsRefresher } from './stats-refresher.js';

/** A refresh the test finishes by hand. */
function manualRefresh() {
  const runs: { finish: (error?: Error) => void }[] = [];
  const refreshOnce = () => new Promise<void>((resolve, reject) => runs.push({ finish: (error) => (error ? reject(error) : resolve()) }));
  return { runs, refresher: new BreedingStatsRefresher(refreshOnce, createLogger('test', { silent: true })) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BreedingStatsRefresher', () => {
  it('runs a burst of requests as the running refresh plus one more, each caller waiting for a refresh that started after it asked', async () => {
    const { runs, refresher } = manualRefresh();
    let firstDone = false;
    let laterDone = 0;
    void refresher.refresh().then(() => (firstDone = true));
    await tick();
    expect(runs).toHaveLength(1);
    const later = [refresher.refresh(), refresher.refresh(), refresher.refresh()].map((p) => p.then(() => laterDone++));
    runs[0].finish();
    await tick();
    expect(firstDone).toBe(true);
    expect(laterDone).toBe(0);
    expect(runs).toHaveLength(2);
    runs[1].finish();
    await Promise.all(later);
    expect(laterDone).toBe(3);
    expect(runs).toHaveLength(2);
  });

  it('resolves even when a refresh fails, and keeps refreshing afterwards', async () => {
    const { runs, refresher } = manualRefresh();
    const failed = refresher.refresh();
    await tick();
    runs[0].finish(new Error('boom'));
    await expect(failed).resolves.toBeUndefined();
    const next = refresher.refresh();
    await tick();
    runs[1].finish();
    await expect(next).resolves.toBeUndefined();
  });
});
