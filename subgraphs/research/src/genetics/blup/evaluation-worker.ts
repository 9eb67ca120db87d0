// The worker side of `runEvaluationInWorker`: one evaluation, then the thread ends.
import { parentPort, workerData } from 'node:worker_threads';
import type { AnimalModelInput, AnimalModelResult, SolverOptions } from './animal-model.js';
import { BlupInputError } from './blup-input-error.js';
import { evaluateAnimalModel } from './evaluate-animal-model.js';

export interface WorkerRequest {
  input: AnimalModelInput;
  options: Pick<SolverOptions, 'tolerance' | 'maxIterations' | 'accuracy'>;
  /** Int32 set to 1 by the caller to cancel: the solver's loop never yields, so no message could reach it. */
  cancel: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; progress: Parameters<NonNullable<SolverOptions['onProgress']>>[0] }
  | { type: 'result'; result: AnimalModelResult }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string; field?: string };

/** How often the worker reports progress at most. */
export const PROGRESS_INTERVAL_MS = 25;

const port = parentPort;
// Only on a thread runEvaluationInWorker started (a test runner's own worker threads have a parentPort too).
if (port && (workerData as Partial<WorkerRequest> | undefined)?.cancel instanceof SharedArrayBuffer) {
  const { input, options, cancel } = workerData as WorkerRequest;
  const cancelled = new Int32Array(cancel);
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const cancelledError = new Error('cancelled');
  let lastPost = Number.NEGATIVE_INFINITY;
  try {
    const result = evaluateAnimalModel(input, {
      ...options,
      // At most one message per PROGRESS_INTERVAL_MS (and the last iteration's): a small system iterates in microseconds,
      // and a message per iteration would flood the caller's event loop, the one that must record progress and cancels.
      onProgress: (progress) => {
        const now = performance.now();
        if (now - lastPost < PROGRESS_INTERVAL_MS && progress.relativeResidual > progress.tolerance && progress.iteration < progress.maxIterations) return;
        lastPost = now;
        post({ type: 'progress', progress });
      },
      signal: {
        get aborted() {
          return Atomics.load(cancelled, 0) === 1;
        },
        reason: cancelledError,
      },
    });
    const buffers = [result.ebv, result.accuracy, result.inbreeding, ...result.fixed.flatMap((f) => [f.solutions, f.records])].map((a) => a.buffer as ArrayBuffer);
    post({ type: 'result', result }, [...new Set(buffers)]);
  } catch (error) {
    if (error === cancelledError) post({ type: 'cancelled' });
    else if (error instanceof BlupInputError) post({ type: 'failed', message: error.message, field: error.field });
    else post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
