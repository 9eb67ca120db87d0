import type { OrderedPedigree } from './pedigree-graph.js';

/** An animal's ancestors (itself included) as positions, youngest first, with its row of T: the expected share of each one's genes. */
export interface Ancestry {
  readonly positions: Int32Array;
  readonly share: Float64Array;
}

/** Traces the ancestry of the animal at `start` (a position in the ordered pedigree); linear in its number of ancestors (plus a sort). */
export function traceAncestry(pedigree: OrderedPedigree, start: number): Ancestry {
  const { sire, dam } = pedigree;
  const seen = new Set<number>([start]);
  const pending = [start];
  while (pending.length > 0) {
    const animal = pending.pop()!;
    const s = sire[animal];
    const d = dam[animal];
    if (s >= 0 && !seen.has(s)) seen.add(s), pending.push(s);
    if (d >= 0 && !seen.has(d)) seen.add(d), pending.push(d);
  }
  const positions = Int32Array.from(seen).sort().reverse();
  const index = new Map<number, number>();
  positions.forEach((p, k) => {
    index.set(p, k);
  });
  const share = new Float64Array(positions.length);
  share[0] = 1;
  // Youngest first, so every animal's share is complete before it is passed on to its parents.
  for (let k = 0; k < positions.length; k++) {
    const half = 0.5 * share[k];
    const s = sire[positions[k]];
    const d = dam[positions[k]];
    if (s >= 0) share[index.get(s)!] += half;
    if (d >= 0) share[index.get(d)!] += half;
  }
  return { positions, share };
}

/** Mendelian sampling variance D of the animal at position k (Henderson 1976): ½ − ¼(F_sire + F_dam), an unknown parent counting as F = −1. */
export function mendelianVariance(pedigree: OrderedPedigree, f: Float64Array, k: number): number {
  const s = pedigree.sire[k];
  const d = pedigree.dam[k];
  const fs = s < 0 ? -1 : f[pedigree.order[s]];
  const fd = d < 0 ? -1 : f[pedigree.order[d]];
  return 0.5 - 0.25 * (fs + fd);
}
