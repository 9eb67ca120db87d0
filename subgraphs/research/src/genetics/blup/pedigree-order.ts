import { badInput } from './blup-input-error.js';

/**
 * Animal indices (0-based) with every parent before its offspring (Kahn's algorithm, O(n) time and memory). Renumbered
 * pedigrees from other tools are not always in that order; a pedigree where an animal is its own ancestor is refused.
 */
export function parentsFirstOrder(sire: Int32Array, dam: Int32Array): Int32Array {
  const n = sire.length;
  // Offspring lists in compressed form: offspringStart[p]..offspringStart[p + 1] index into offspring.
  const offspringStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    if (sire[i] > 0) offspringStart[sire[i]]++;
    if (dam[i] > 0) offspringStart[dam[i]]++;
  }
  for (let p = 0; p < n; p++) offspringStart[p + 1] += offspringStart[p];
  const offspring = new Int32Array(offspringStart[n]);
  const fill = offspringStart.slice(0, n);
  const waiting = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (sire[i] > 0) (offspring[fill[sire[i] - 1]++] = i), waiting[i]++;
    if (dam[i] > 0) (offspring[fill[dam[i] - 1]++] = i), waiting[i]++;
  }
  const order = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (waiting[i] === 0) order[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const parent = order[head];
    for (let k = offspringStart[parent]; k < offspringStart[parent + 1]; k++) if (--waiting[offspring[k]] === 0) order[tail++] = offspring[k];
  }
  if (tail < n) {
    const stuck = waiting.findIndex((count) => count > 0);
    throw badInput(`Animal ${stuck + 1} is its own ancestor (a loop in the pedigree)`, 'pedigree');
  }
  return order;
}
