import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { inbreedingCoefficients } from '../subgraphs/animal/src/genetics/inbreeding.js';
import { meuwissenLuoInbreeding } from '../subgraphs/animal/src/genetics/meuwissen-luo.js';
import type { PedigreeGraph } from '../subgraphs/animal/src/genetics/pedigree-graph.js';
import { DEFAULT_HERD_DESIGN, simulateHerd, type SimulatedHerd } from '../subgraphs/animal/src/genetics/simulated-herd.js';
import { ms, percentile } from './stats.js';
import { countTypedArrayBytes } from './typed-array-bytes.js';

interface Size {
  animals: number;
  fastRuns: number;
  baselineRuns: number;
}

const SIZES: Size[] = [
  { animals: 100_000, fastRuns: 7, baselineRuns: 3 },
  { animals: 1_000_000, fastRuns: 5, baselineRuns: 1 },
];

/** A new graph object over the same arrays, so nothing memoised for an earlier run (the parents-first order) is reused. */
const freshCopy = (graph: PedigreeGraph): PedigreeGraph => ({ sire: graph.sire, dam: graph.dam });

/** Wall and CPU time per run: the machine is shared, so CPU time shows the work when other processes compete for the cores. */
async function timeRuns(runs: number, compute: (graph: PedigreeGraph) => Float64Array, graph: PedigreeGraph) {
  const samples: number[] = [];
  const cpu: number[] = [];
  let result: Float64Array = new Float64Array(0);
  for (let r = 0; r < runs; r++) {
    await yieldToEventLoop();
    const copy = freshCopy(graph);
    const start = performance.now();
    const startCpu = process.cpuUsage();
    result = compute(copy);
    const usedCpu = process.cpuUsage(startCpu);
    samples.push(performance.now() - start);
    cpu.push((usedCpu.user + usedCpu.system) / 1000);
  }
  return { median: percentile(samples, 50), cpu: percentile(cpu, 50), samples, result };
}

/**
 * Memory of one call, in a fresh Node process that loads just the pedigree (from a file): the bytes of every typed array the
 * call allocates, counted by wrapping the typed-array constructors. All the engine's data is typed arrays, so this bounds its
 * peak (the resident-set high-water mark was tried too, and was too noisy on this shared machine to report).
 */
function memoryOfOneCall(graph: PedigreeGraph): number {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'studbook-inbreeding-'));
  try {
    const file = path.join(directory, 'pedigree.bin');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(graph.sire.buffer, graph.sire.byteOffset, graph.sire.byteLength),
        Buffer.from(graph.dam.buffer, graph.dam.byteOffset, graph.dam.byteLength),
      ]),
    );
    const probe = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), MEMORY_PROBE, file], { encoding: 'utf8' });
    if (probe.status !== 0) throw new Error(`memory probe failed: ${probe.stderr}`);
    return (JSON.parse(probe.stdout.trim().split('\n').pop()!) as { allocated: number }).allocated;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const MEMORY_PROBE = '--inbreeding-memory-probe';

/** The child side of `memoryOfOneCall`. */
function memoryProbe(file: string): void {
  const bytes = readFileSync(file);
  const n = bytes.byteLength / 8;
  const sire = new Int32Array(n);
  const dam = new Int32Array(n);
  sire.set(new Int32Array(bytes.buffer, bytes.byteOffset, n));
  dam.set(new Int32Array(bytes.buffer, bytes.byteOffset + 4 * n, n));
  const allocated = countTypedArrayBytes();
  inbreedingCoefficients({ sire, dam });
  console.log(JSON.stringify({ allocated: allocated() }));
}

if (process.argv[2] === MEMORY_PROBE) memoryProbe(process.argv[3]);

function herdFacts(herd: SimulatedHerd, f: Float64Array) {
  const generations = DEFAULT_HERD_DESIGN.generations;
  const sum = new Float64Array(generations);
  const count = new Float64Array(generations);
  let total = 0;
  let atLeastSixteenth = 0;
  let max = 0;
  for (let i = 0; i < f.length; i++) {
    sum[herd.generation[i]] += f[i];
    count[herd.generation[i]]++;
    total += f[i];
    if (f[i] >= 0.0625) atLeastSixteenth++;
    if (f[i] > max) max = f[i];
  }
  const sires = new Set(herd.graph.sire.filter((s) => s >= 0)).size;
  const meanOf = (g: number) => (sum[g] / count[g]).toFixed(4);
  return { sires, mean: total / f.length, byGeneration: `${meanOf(5)} / ${meanOf(10)} / ${meanOf(generations - 1)}`, atLeastSixteenth, max };
}

/** F of every animal of simulated closed herds: the engine's method against plain Meuwissen & Luo (1992) in the same run. */
export async function benchInbreeding(): Promise<string> {
  const rows: string[] = [];
  const load = os.loadavg()[0];
  for (const size of SIZES) {
    const herd = simulateHerd({ ...DEFAULT_HERD_DESIGN, animals: size.animals, seed: 2026 });
    const fast = await timeRuns(size.fastRuns, inbreedingCoefficients, herd.graph);
    const allocated = memoryOfOneCall(herd.graph);
    const baseline = await timeRuns(size.baselineRuns, meuwissenLuoInbreeding, herd.graph);
    let maxDifference = 0;
    for (let i = 0; i < size.animals; i++) maxDifference = Math.max(maxDifference, Math.abs(fast.result[i] - baseline.result[i]));
    const facts = herdFacts(herd, fast.result);
    console.log(`inbreeding: ${size.animals} animals, fast ${fast.samples.map(ms).join(', ')}; Meuwissen & Luo ${baseline.samples.map(ms).join(', ')}`);
    rows.push(
      `| ${size.animals.toLocaleString('en')} | ${herd.matings.toLocaleString('en')} | ${facts.sires.toLocaleString('en')} | ${facts.mean.toFixed(4)} (${facts.byGeneration}) | ${facts.max.toFixed(3)} / ${((100 * facts.atLeastSixteenth) / size.animals).toFixed(2)} % ` +
        `| **${ms(fast.median)}** / ${ms(fast.cpu)} CPU (median of ${size.fastRuns}) | ${ms(baseline.median)} / ${ms(baseline.cpu)} CPU (${size.baselineRuns === 1 ? '1 run' : `median of ${size.baselineRuns}`}) | **${(baseline.median / fast.median).toFixed(1)}×** ` +
        `| ${maxDifference.toExponential(1)} | ${(allocated / 2 ** 20).toFixed(0)} MiB (${(allocated / size.animals).toFixed(0)} B/animal) |`,
    );
  }
  const design = DEFAULT_HERD_DESIGN;
  return [
    `Simulated closed herds (\`simulateHerd\`, seed 2026): ${design.generations} generations of equal size; generation 0 are founders; each later generation's sires are the best ${(100 * design.sireShare).toFixed(0)} % (of the generation's size) by a heritable merit among the males of the two previous generations, better sires used more (the best about twice the average); each sire is mated to dams drawn at random from the females of the last ${design.damGenerations} generations (overlapping generations), 1–${design.maxLitter} offspring per mating; ${design.unknownParentRates.map((r) => `${Math.round(100 * r)} %`).join(', ')} of parents unknown in generations 1–${design.unknownParentRates.length}. Animals are handed over in shuffled order, and each timed run starts from scratch (ordering the pedigree and removing loops included).`,
    '',
    '| animals | unique matings | sires with progeny | mean F (generations 5 / 10 / 19) | max F / share F ≥ 1/16 | engine: F of all animals, wall / CPU | plain Meuwissen & Luo, wall / CPU | speed-up (wall) | max \\|F − F_ML\\| | engine memory (typed arrays allocated) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    "- Engine: Colleau's indirect method per sire as modified by Sargolzaei, Iwaisaki & Colleau (2005), single-threaded TypeScript on typed arrays (see `subgraphs/animal/src/genetics/README.md`). Baseline: Meuwissen & Luo (1992) as published (ancestors traced youngest first through a heap, consecutive full sibs share F), same language and machine.",
    `- Targets: under 1 s for 100,000 animals and under 10 s for 1,000,000. Load average when the runs started: ${load.toFixed(1)} on ${os.cpus().length} cores (other work on the machine stretches wall time; CPU time is this process's own). Memory, measured in a fresh process that holds only the pedigree: every typed array one call allocates, counted by wrapping the typed-array constructors (the engine keeps all its data in typed arrays, so this bounds its peak; 16 bytes per animal stay memoised with the graph, 8 are the result).`,
  ].join('\n');
}
