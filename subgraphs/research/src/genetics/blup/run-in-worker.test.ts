import { describe, expect, it } from 'vitest';
import { evaluateAnimalModel } from './evaluate-animal-model.js';
import { runEvaluationInWorker } from './run-in-worker.js';
import { DEFAULT_POPULATION_DESIGN, simulatePopulation } from './simulated-population.js';

// A worker thread starts by loading TypeScript through tsx: seconds on a busy machine.
describe('runEvaluationInWorker', { timeout: 60_000 }, () => {
  it('gives what the in-process solver gives, with progress at most every 25 ms and at the last iteration', async () => {
    const { input } = simulatePopulation({ ...DEFAULT_POPULATION_DESIGN, animals: 3000, seed: 11 });
    const iterations: number[] = [];
    const result = await runEvaluationInWorker(input, { onProgress: (progress) => iterations.push(progress.iteration) });
    const inProcess = evaluateAnimalModel(input);
    expect(result.converged).toBe(true);
    expect(result.iterations).toBe(inProcess.iterations);
    expect(Array.from(result.ebv)).toEqual(Array.from(inProcess.ebv));
    expect(iterations[0]).toBe(1);
    expect(iterations.at(-1)).toBe(result.iterations);
    expect(iterations.every((iteration, i) => i === 0 || iteration > iterations[i - 1])).toBe(true);
  });

  it('stops at the next iteration when the signal aborts, while the caller stays responsive', async () => {
    const { input } = simulatePopulation({ ...DEFAULT_POPULATION_DESIGN, animals: 20_000, seed: 12 });
    const controller = new AbortController();
    let lastIteration = 0;
    const run = runEvaluationInWorker(input, {
      tolerance: 0, // never converges: only the abort can end it before maxIterations
      maxIterations: 1_000_000,
      onProgress: ({ iteration }) => {
        lastIteration = iteration;
        if (iteration >= 5) controller.abort(new Error('the user cancelled'));
      },
      signal: controller.signal,
    });
    // The progress messages above only arrive because this thread's event loop is free during the solve.
    await expect(run).rejects.toThrow('the user cancelled');
    expect(lastIteration).toBeGreaterThanOrEqual(5);
    expect(lastIteration).toBeLessThan(1_000_000);
  });

  it('rejects bad input with the coded error of the in-process call', async () => {
    const { input } = simulatePopulation({ ...DEFAULT_POPULATION_DESIGN, animals: 500, seed: 13 });
    await expect(runEvaluationInWorker({ ...input, variance: { heritability: 1.5 } })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'heritability' },
    });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { input } = simulatePopulation({ ...DEFAULT_POPULATION_DESIGN, animals: 500, seed: 14 });
    await expect(runEvaluationInWorker(input, { signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow('too late');
  });
});
