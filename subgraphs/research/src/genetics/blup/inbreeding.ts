import { parentsFirstOrder } from './pedigree-order.js';

/**
 * Inbreeding coefficients by Meuwissen & Luo (1992, Genet. Sel. Evol. 24:305): animals in parents-first order; for each,
 * the row L of T (A = T D T′) is traced over its ancestors youngest first, and F_i = Σ_j L_j² D_j − 1. Linear memory; the time
 * grows with the number of ancestors per animal, fine for the tens of thousands of animals of a herd's evaluation. For
 * millions of animals pass F in (the animal subgraph computes it with Colleau's method, 45× faster on deep pedigrees).
 * `order` is `parentsFirstOrder(sire, dam)` when the caller already has it.
 */
export function inbreedingCoefficients(sire: Int32Array, dam: Int32Array, order = parentsFirstOrder(sire, dam)): Float64Array {
  const n = sire.length;
  const position = new Int32Array(n);
  for (let p = 0; p < n; p++) position[order[p]] = p;
  // Everything below is indexed by position, so "younger" is "larger" and parents are smaller than their offspring.
  const sireAt = new Int32Array(n);
  const damAt = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const i = order[p];
    sireAt[p] = sire[i] > 0 ? position[sire[i] - 1] : -1;
    damAt[p] = dam[i] > 0 ? position[dam[i] - 1] : -1;
  }
  const fAt = new Float64Array(n);
  const d = new Float64Array(n);
  const l = new Float64Array(n);
  const heap = new Int32Array(n);
  const queued = new Uint8Array(n);
  let size = 0;
  const push = (j: number, share: number) => {
    l[j] += share;
    if (queued[j]) return;
    queued[j] = 1;
    let k = size++;
    for (let up = (k - 1) >> 1; k > 0 && heap[up] < j; up = (k - 1) >> 1) (heap[k] = heap[up]), (k = up);
    heap[k] = j;
  };
  const popYoungest = () => {
    const top = heap[0];
    const last = heap[--size];
    let k = 0;
    for (let child = 1; child < size; child = 2 * k + 1) {
      if (child + 1 < size && heap[child + 1] > heap[child]) child++;
      if (heap[child] <= last) break;
      heap[k] = heap[child];
      k = child;
    }
    heap[k] = last;
    return top;
  };
  for (let p = 0; p < n; p++) {
    const s = sireAt[p];
    const m = damAt[p];
    d[p] = mendelianVariance(s < 0 ? -1 : fAt[s], m < 0 ? -1 : fAt[m]);
    if (s < 0 || m < 0) continue;
    if (p > 0 && sireAt[p - 1] === s && damAt[p - 1] === m) {
      fAt[p] = fAt[p - 1]; // full sibs share F
      continue;
    }
    push(p, 1);
    let sum = 0;
    while (size > 0) {
      const j = popYoungest();
      const lj = l[j];
      sum += lj * lj * d[j];
      l[j] = 0;
      queued[j] = 0;
      if (sireAt[j] >= 0) push(sireAt[j], 0.5 * lj);
      if (damAt[j] >= 0) push(damAt[j], 0.5 * lj);
    }
    fAt[p] = sum - 1;
  }
  const f = new Float64Array(n);
  for (let p = 0; p < n; p++) f[order[p]] = Math.max(0, fAt[p]);
  return f;
}

/**
 * Var(Mendelian sampling)/σ²a of an animal whose parents have inbreeding fSire and fDam, −1 standing for an unknown parent:
 * ½ − ¼(F_s + F_d) with both known, ¾ − ¼F for one, 1 for none (Henderson's D_i, with Quaas's (1976) inbreeding terms).
 */
export function mendelianVariance(fSire: number, fDam: number): number {
  return 0.5 - 0.25 * (fSire + fDam);
}
