import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { badInput } from '@studbook/platform';
import type { AnimalModelInput, AnimalModelResult, SolverOptions, SolverProgress } from './animal-model.js';
import type { WorkerMessage, WorkerRequest } from './evaluation-worker.js';

export interface WorkerRunOptions extends Pick<SolverOptions, 'tolerance' | 'maxIterations' | 'accuracy'> {
  onProgress?: (progress: SolverProgress) => void;
  /** Aborting stops the solver at its next iteration; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

const WORKER = new URL(`./evaluation-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
// Run from TypeScript sources the worker needs a loader. Under the tsx CLI it inherits tsx's flags (a worker inherits the
// parent's execArgv unless given its own, and may not be given process-wide ones such as --expose-gc); under another
// runner (vitest) it is given tsx's.
const needsLoader = WORKER.pathname.endsWith('.ts') && !process.execArgv.some((flag) => flag.includes('tsx'));
const WORKER_OPTIONS = needsLoader ? { execArgv: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] } : {};

/**
 * `evaluateAnimalModel` on a thread of its own, so the caller's event loop stays free while millions of equations are
 * solved. The input is copied to the worker; the result's arrays are transferred back. Bad input rejects with the
 * platform's BAD_USER_INPUT error naming the field (in process it is a `BlupInputError` with the same message and field).
 */
export function runEvaluationInWorker(input: AnimalModelInput, options: WorkerRunOptions = {}): Promise<AnimalModelResult> {
  const { onProgress, signal, ...solverOptions } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const cancel = new SharedArrayBuffer(4);
  const request: WorkerRequest = { input, options: solverOptions, cancel };
  const worker = new Worker(WORKER, { ...WORKER_OPTIONS, workerData: request });
  return new Promise<AnimalModelResult>((resolve, reject) => {
    const onAbort = () => Atomics.store(new Int32Array(cancel), 0, 1);
    signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'result') settle(() => resolve(message.result));
      else if (message.type === 'cancelled') settle(() => reject(signal?.reason ?? new DOMException('The evaluation was cancelled', 'AbortError')));
      else settle(() => reject(message.field ? badInput(message.message, message.field) : new Error(`BLUP evaluation failed: ${message.message}`)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`BLUP evaluation worker exited with code ${code} before answering`))));
  });
}
