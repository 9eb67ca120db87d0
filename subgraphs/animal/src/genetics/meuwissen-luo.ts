import { orderPedigree, type PedigreeGraph } from './pedigree-graph.js';

/**
 * Meuwissen & Luo (1992, Genet. Sel. Evol. 24:305) as published: for each animal, trace its ancestors
 * youngest first, accumulating F_i = Σ_j L_j² D_j − 1 where L is the animal's row of T (A = T D T′).
 * Kept as the plain baseline the fast method is measured against (and as a second opinion in tests);
 * its only shortcut is the paper's own: consecutive full sibs share F.
 */
export function meuwissenLuoInbreeding(graph: PedigreeGraph): Float64Array {
  const { size: n, order, sire, dam } = orderPedigree(graph);
  // Position n stands for "unknown parent" with F = −1, so D_i = ½ − ¼(F_s + F_d) covers every case.
  const f = new Float64Array(n + 1);
  f[n] = -1;
  const d = new Float64Array(n);
  const l = new Float64Array(n);
  const heap = new Int32Array(n); // max-heap of positions still to visit
  const queued = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = sire[i] < 0 ? n : sire[i];
    const m = dam[i] < 0 ? n : dam[i];
    d[i] = 0.5 - 0.25 * (f[s] + f[m]);
    if (s === n || m === n) continue; // an unknown parent: F = 0
    if (i > 0 && sire[i - 1] === sire[i] && dam[i - 1] === dam[i]) {
      f[i] = f[i - 1];
      continue;
    }
    let size = 0;
    const push = (j: number, value: number) => {
      if (j < 0) return;
      l[j] += value;
      if (queued[j]) return;
      queued[j] = 1;
      let k = size++;
      while (k > 0) {
        const up = (k - 1) >> 1;
        if (heap[up] >= j) break;
        heap[k] = heap[up];
        k = up;
      }
      heap[k] = j;
    };
    push(i, 1);
    let sum = 0;
    while (size > 0) {
      const j = heap[0];
      const last = heap[--size];
      let k = 0;
      for (;;) {
        let child = 2 * k + 1;
        if (child >= size) break;
        if (child + 1 < size && heap[child + 1] > heap[child]) child++;
        if (heap[child] <= last) break;
        heap[k] = heap[child];
        k = child;
      }
      heap[k] = last;
      const lj = l[j];
      sum += lj * lj * d[j];
      l[j] = 0;
      queued[j] = 0;
      push(sire[j], 0.5 * lj);
      push(dam[j], 0.5 * lj);
    }
    f[i] = sum - 1;
  }
  const result = new Float64Array(n);
  for (let k = 0; k < n; k++) result[order[k]] = f[k];
  return result;
}
