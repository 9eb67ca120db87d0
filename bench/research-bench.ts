import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { inbreedingCoefficients as colleauInbreeding } from '../subgraphs/animal/src/genetics/inbreeding.js';
import type { AnimalModelInput } from '../subgraphs/research/src/genetics/blup/animal-model.js';
import { evaluateAnimalModel } from '../subgraphs/research/src/genetics/blup/evaluate-animal-model.js';
import { inbreedingCoefficients } from '../subgraphs/research/src/genetics/blup/inbreeding.js';
import { runEvaluationInWorker } from '../subgraphs/research/src/genetics/blup/run-in-worker.js';
import { DEFAULT_POPULATION_DESIGN, simulatePopulation } from '../subgraphs/research/src/genetics/blup/simulated-population.js';
import { correlation } from '../subgraphs/research/src/genetics/blup/correlation.js';
import { countTypedArrayBytes } from './typed-array-bytes.js';

const SIZES = [100_000, 1_000_000];
const TARGET_SECONDS: Record<number, number> = { 100000: 30, 1000000: 300 };
const PROBE = '--research-blup-probe';

interface ProbeResult {
  animals: number;
  records: number;
  equations: number;
  contemporaryGroups: number;
  meanF: number;
  maxF: number;
  wallMs: number;
  cpuMs: number;
  iterations: number;
  converged: boolean;
  relativeResidual: number;
  rssPerAnimal: number;
  typedArraysPerAnimal: number;
  correlationAll: number;
  correlationYoung: number;
  meanAccuracyYoung: number;
  workerMs: number;
  callerDelayP99Ms: number;
  callerDelayMaxMs: number;
  libraryFMs?: number;
  libraryFDifference?: number;
}

/** F by the animal subgraph's engine (Colleau), as the pedigree export will hand it over; its ids are 0-based with −1 unknown. */
const animalSubgraphF = (sire: Int32Array, dam: Int32Array) => colleauInbreeding({ sire: sire.map((id) => id - 1), dam: dam.map((id) => id - 1) });

/**
 * One evaluation in a fresh process (`--expose-gc`): simulate, collect garbage, note memory, evaluate with memory sampled at
 * every iteration, then compare EBVs with the true breeding values.
 */
async function probe(animals: number): Promise<ProbeResult> {
  const population = simulatePopulation({ ...DEFAULT_POPULATION_DESIGN, animals, seed: 2026 }, animalSubgraphF);
  const { input, trueBreedingValue, birthYear } = population;
  const f = input.pedigree.inbreeding!;
  let library: Pick<ProbeResult, 'libraryFMs' | 'libraryFDifference'> = {};
  if (animals <= 100_000) {
    const start = performance.now();
    const own = inbreedingCoefficients(input.pedigree.sire, input.pedigree.dam);
    let difference = 0;
    for (let i = 0; i < animals; i++) difference = Math.max(difference, Math.abs(own[i] - f[i]));
    library = { libraryFMs: performance.now() - start, libraryFDifference: difference };
  }
  globalThis.gc?.();
  const allocated = countTypedArrayBytes();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const startCpu = process.cpuUsage();
  const start = performance.now();
  const result = evaluateAnimalModel(input, { accuracy: 'approximate', onProgress: sample });
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(startCpu);
  sample();
  const typedArrayBytes = allocated();
  const lastYear = DEFAULT_POPULATION_DESIGN.years - 1;
  const young = (i: number) => birthYear[i] === lastYear;
  let youngAccuracy = 0;
  let youngCount = 0;
  let meanF = 0;
  for (let i = 0; i < animals; i++) {
    meanF += f[i] / animals;
    if (young(i)) (youngAccuracy += result.accuracy[i]), youngCount++;
  }
  const worker = await throughWorker(input);
  return {
    animals,
    ...worker,
    records: result.records,
    equations: result.equations,
    contemporaryGroups: input.fixedEffects[1].levels,
    meanF,
    maxF: f.reduce((max, value) => Math.max(max, value), 0),
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    iterations: result.iterations,
    converged: result.converged,
    relativeResidual: result.relativeResidual,
    rssPerAnimal: (peakRss - rssBefore) / animals,
    typedArraysPerAnimal: typedArrayBytes / animals,
    correlationAll: correlation(result.ebv, trueBreedingValue, () => true),
    correlationYoung: correlation(result.ebv, trueBreedingValue, young),
    meanAccuracyYoung: youngAccuracy / youngCount,
    ...library,
  };
}

/**
 * The same evaluation as a service runs it, on a worker thread, with this thread's event-loop delay recorded meanwhile: what
 * a subgraph's other requests would wait (the input is copied to the worker from this thread).
 */
async function throughWorker(input: AnimalModelInput) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const start = performance.now();
  await runEvaluationInWorker(input, { accuracy: 'approximate' });
  const workerMs = performance.now() - start;
  delay.disable();
  return { workerMs, callerDelayP99Ms: delay.percentile(99) / 1e6, callerDelayMaxMs: delay.max / 1e6 };
}

if (process.argv[2] === PROBE) console.log(JSON.stringify(await probe(Number(process.argv[3]))));

function runProbe(animals: number): ProbeResult {
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), PROBE, String(animals)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`research bench probe (${animals} animals) failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ProbeResult;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Single-trait BLUP animal model evaluations of simulated populations with known true breeding values. */
export async function benchResearch(): Promise<string> {
  const load = os.loadavg()[0];
  const rows: string[] = [];
  const notes: string[] = [];
  for (const animals of SIZES) {
    console.log(`research: BLUP of ${animals.toLocaleString('en')} animals`);
    const r = runProbe(animals);
    const target = TARGET_SECONDS[animals];
    rows.push(
      `| ${animals.toLocaleString('en')} | ${r.records.toLocaleString('en')} | ${r.contemporaryGroups.toLocaleString('en')} | ${r.meanF.toFixed(4)} / ${r.maxF.toFixed(3)} ` +
        `| **${seconds(r.wallMs)}** / ${seconds(r.cpuMs)} CPU (target ≤ ${target} s) | ${r.iterations}${r.converged ? '' : ' (not converged)'} (${r.relativeResidual.toExponential(1)}) | ${(r.wallMs / r.iterations).toFixed(1)} ms ` +
        `| ${r.rssPerAnimal.toFixed(0)} B RSS · ${r.typedArraysPerAnimal.toFixed(0)} B typed arrays allocated | **${r.correlationAll.toFixed(3)}** / ${r.correlationYoung.toFixed(3)} | ${r.meanAccuracyYoung.toFixed(3)} | ${seconds(r.workerMs)} · ${r.callerDelayP99Ms.toFixed(0)} / ${r.callerDelayMaxMs.toFixed(0)} ms |`,
    );
    if (r.libraryFMs !== undefined) {
      notes.push(
        `- F computed by the engine itself (Meuwissen & Luo 1992, when no F is passed) for the ${animals.toLocaleString('en')} animals: ${seconds(r.libraryFMs)}, largest difference from the animal subgraph's F ${r.libraryFDifference!.toExponential(1)}.`,
      );
    }
  }
  console.log('research: approximate against exact accuracies');
  const accuracyRows = accuracyAgainstExact();
  const design = DEFAULT_POPULATION_DESIGN;
  return [
    `Simulated populations (\`simulatePopulation\`, seed 2026): ${design.years} birth years of equal size, the first the founders (true breeding values N(0, σ²a)); each later animal has a random sire among about 1 per 100 animals born that year (drawn from the males of the previous ${design.sireAges} years) and a random dam from the females of the previous ${design.damAges} years, true value ½(a_s + a_d) + Mendelian sampling with variance (½ − ¼(F_s + F_d))σ²a; ${Math.round(100 * design.unknownParentRate)} % of parents unknown in years 1–2. ${Math.round(100 * design.recordedShare)} % of animals after the founders have one record y = 10 ± 0.5 (sex) + group + a + e, h² = ${design.heritability}, contemporary groups (farm × birth year, about 60 animals) with variance ${design.groupVariance} of σ²p. Model: sex + contemporary group + animal; F from the animal subgraph's engine (as the pedigree export will hand it over). Each evaluation runs in a fresh process after the population is built: PCG with iteration on data to ‖r‖²/‖rhs‖² ≤ 1e-12, then approximate accuracies.`,
    '',
    '| animals | records | contemporary groups | mean / max F | evaluation, wall / CPU | iterations (‖r‖²/‖rhs‖²) | per iteration | memory per animal: RSS growth at the peak · typed arrays allocated | corr(EBV, true BV): all / last year | mean accuracy, last year | through runEvaluationInWorker: wall · the caller’s event-loop delay p99 / max |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...notes,
    `- Memory: RSS from process.memoryUsage() sampled after every iteration and at the end, minus the figures once the population was built and garbage collected; typed arrays: the bytes of every typed array the call allocated (constructors wrapped), the input's excluded, an upper bound of the engine's peak (see \`subgraphs/research/src/genetics/blup/README.md\` for what they are). The correlation with true values over the last birth year (animals without progeny, most with one record) is the realised accuracy to compare with the mean reported accuracy.`,
    `- Through the worker: the same evaluation by \`runEvaluationInWorker\`, as the research subgraph runs it, timed from the call to the answer (a new thread, the input copied to it); the event-loop delay of the calling thread meanwhile (\`monitorEventLoopDelay\`) is what the subgraph's other requests would wait, copying included; on a loaded 2-core machine it is mostly waiting for a core.`,
    '',
    "**Accuracy: the approximation against the exact values** (the diagonal of the inverse of the mixed-model equations, dense Cholesky), on the approximation test's set: simulated herds of 1,500 animals, 12 birth years, 8 sires a year, 70 % recorded, contemporary groups of about 45 records, seed 1. Evaluations of up to 2,000 equations report exact accuracies; larger ones the approximation.",
    '',
    '| h² | mean abs(approximate − exact) | largest | mean bias | correlation | exact / approximate, CPU |',
    '| --- | --- | --- | --- | --- | --- |',
    ...accuracyRows,
    '',
    `- Load average when the runs started: ${load.toFixed(1)} on ${os.cpus().length} cores (other work on the machine stretches wall time; CPU time is the evaluating process's own).`,
  ].join('\n');
}

/** The approximate accuracies against the exact ones, at three heritabilities, in this process. */
function accuracyAgainstExact(): string[] {
  return [0.1, 0.3, 0.6].map((heritability) => {
    const population = simulatePopulation({ ...DEFAULT_POPULATION_DESIGN, animals: 1500, siresPerYear: 8, heritability, seed: 1 });
    const cpu = (work: () => ReturnType<typeof evaluateAnimalModel>) => {
      const start = process.cpuUsage();
      const result = work();
      const used = process.cpuUsage(start);
      return { result, ms: (used.user + used.system) / 1000 };
    };
    const exact = cpu(() => evaluateAnimalModel(population.input, { accuracy: 'exact' }));
    const approximate = cpu(() => evaluateAnimalModel(population.input, { accuracy: 'approximate' }));
    const differences = Array.from(exact.result.accuracy, (r, i) => approximate.result.accuracy[i] - r);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const r = correlation(exact.result.accuracy, approximate.result.accuracy);
    return `| ${heritability} | ${mean(differences.map(Math.abs)).toFixed(3)} | ${Math.max(...differences.map(Math.abs)).toFixed(3)} | ${mean(differences) >= 0 ? '+' : ''}${mean(differences).toFixed(3)} | ${r.toFixed(3)} | ${seconds(exact.ms)} / ${seconds(approximate.ms)} |`;
  });
}
