import type { RunningPlatform } from '../embedded/src/platform.js';
import type { Stores } from '../embedded/src/stores.js';

/** What every benchmark suite gets: the running platform and the stores under it. */
export interface BenchContext {
  platform: RunningPlatform;
  stores: Stores;
  /** One line naming the stores, for the report. */
  storeNote: string;
}

/**
 * One benchmark: `run` measures and returns the markdown for its section of docs/benchmarks.md
 * (bench/index.ts adds the heading line with the command, date and machine). A `standalone` suite measures a pure engine:
 * it gets no context, and a run of standalone suites alone starts no platform.
 */
export type BenchSuite = { id: string; title: string } & (
  | { standalone?: false; run(context: BenchContext): Promise<string> }
  | { standalone: true; run(): Promise<string> }
);
