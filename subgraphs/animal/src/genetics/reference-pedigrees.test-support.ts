// Fixtures and independent brute-force methods for the genetics tests (not shipped code paths).
import type { PedigreeGraph } from './pedigree-graph.js';
import { seededRandom } from './simulated-herd.js';

/** A graph from 1-based herdbook columns where 0 (or null) means an unknown parent, as published examples write them. */
export function fromHerdbook(sire: (number | null)[], dam: (number | null)[]): PedigreeGraph {
  return {
    sire: Int32Array.from(sire, (s) => (s ? s - 1 : -1)),
    dam: Int32Array.from(dam, (d) => (d ? d - 1 : -1)),
  };
}

/** The same pedigree with its animals renumbered by a random permutation; `at[i]` is the new index of animal i. */
export function shuffled(graph: PedigreeGraph, seed: number): { graph: PedigreeGraph; at: Int32Array } {
  const random = seededRandom(seed);
  const n = graph.sire.length;
  const at = Int32Array.from({ length: n }, (_, i) => i);
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [at[k], at[j]] = [at[j], at[k]];
  }
  const sire = new Int32Array(n);
  const dam = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    sire[at[i]] = graph.sire[i] < 0 ? -1 : at[graph.sire[i]];
    dam[at[i]] = graph.dam[i] < 0 ? -1 : at[graph.dam[i]];
  }
  return { graph: { sire, dam }, at };
}

/**
 * A random pedigree built forwards (each animal's parents drawn among the `window` animals just before it, some unknown), so it
 * is deep and heavily inbred, then shuffled so that parents do not come first.
 */
export function randomPedigree(n: number, seed: number, { window = 12, unknown = 0.08 } = {}): PedigreeGraph {
  const random = seededRandom(seed);
  const sire = new Int32Array(n).fill(-1);
  const dam = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const pick = () => (i === 0 ? -1 : i - 1 - Math.floor(random() * Math.min(window, i)));
    if (random() >= unknown) sire[i] = pick();
    if (random() >= unknown) dam[i] = pick();
    if (sire[i] === dam[i] && sire[i] >= 0 && random() < 0.9) dam[i] = -1; // mostly no selfing, but keep a few
  }
  return shuffled({ sire, dam }, seed + 1).graph;
}

/** The full additive relationship matrix A by the tabular method (Emik & Terrill 1949), ordering animals by repeated scans. */
export function tabularRelationships(graph: PedigreeGraph): Float64Array[] {
  const n = graph.sire.length;
  const placed = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  while (order.length < n) {
    const before = order.length;
    for (let i = 0; i < n; i++) {
      if (placed[i]) continue;
      const s = graph.sire[i];
      const d = graph.dam[i];
      if ((s < 0 || placed[s]) && (d < 0 || placed[d])) (placed[i] = true), order.push(i);
    }
    if (order.length === before) throw new Error('tabularRelationships needs a pedigree without cycles');
  }
  const a = Array.from({ length: n }, () => new Float64Array(n));
  for (let x = 0; x < n; x++) {
    const i = order[x];
    const s = graph.sire[i];
    const d = graph.dam[i];
    for (let y = 0; y < x; y++) {
      const j = order[y];
      a[i][j] = a[j][i] = 0.5 * ((s >= 0 ? a[j][s] : 0) + (d >= 0 ? a[j][d] : 0));
    }
    a[i][i] = 1 + (s >= 0 && d >= 0 ? 0.5 * a[s][d] : 0);
  }
  return a;
}

/**
 * Wright's (1922) path method by brute force: every pair of paths from the sire and the dam up to a common ancestor A that
 * share no animal but A adds (½)^(n1+n2+1)·(1 + F_A). Exponential, so for small pedigrees only. Returns the sum per ancestor.
 */
export function wrightPathSums(graph: PedigreeGraph, sire: number, dam: number, f: ArrayLike<number>): Map<number, number> {
  const paths = (start: number) => {
    const found: number[][] = [];
    const walk = (path: number[]) => {
      found.push(path);
      const last = path[path.length - 1];
      for (const parent of [graph.sire[last], graph.dam[last]]) if (parent >= 0) walk([...path, parent]);
    };
    walk([start]);
    return found;
  };
  const sums = new Map<number, number>();
  const fromDam = paths(dam);
  for (const up of paths(sire)) {
    const ancestor = up[up.length - 1];
    const onUp = new Set(up);
    for (const down of fromDam) {
      if (down[down.length - 1] !== ancestor) continue;
      if (down.slice(0, -1).some((animal) => onUp.has(animal))) continue;
      const term = 0.5 ** (up.length - 1 + down.length - 1 + 1) * (1 + f[ancestor]);
      sums.set(ancestor, (sums.get(ancestor) ?? 0) + term);
    }
  }
  return sums;
}
