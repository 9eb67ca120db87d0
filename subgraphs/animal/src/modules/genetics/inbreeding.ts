import { orderPedigree, type PedigreeGraph } from './pedigree-graph.js';

/**
 * Wright's coefficient of inbreeding F of every animal. Parent links that close a cycle (corrupt data) are treated as unknown, never hang or throw.
 *
 * Colleau's indirect method as modified by Sargolzaei, Iwaisaki & Colleau (2005): one backward and one forward sweep over the
 * reduced pedigree of each sire (the sire, all his mates and their ancestors) gives his relationship with every mate at once,
 * so all his progeny get F = ½ a(sire, dam) together. See README.md.
 */
export function inbreedingCoefficients(graph: PedigreeGraph): Float64Array {
  const { size: n, order, sire, dam } = orderPedigree(graph);
  const f = new Float64Array(n);
  // Depth = longest path to a founder; sweeping by depth is a valid parents-first (or offspring-first) order for any subset.
  const depth = new Int32Array(n);
  let maxDepth = 0;
  for (let k = 0; k < n; k++) {
    const ds = sire[k] < 0 ? -1 : depth[sire[k]];
    const dd = dam[k] < 0 ? -1 : depth[dam[k]];
    const d = 1 + (ds > dd ? ds : dd);
    depth[k] = d;
    if (d > maxDepth) maxDepth = d;
  }
  // Progeny with both parents known, grouped by sire (compressed rows); sires in position order, so a sire comes after all his ancestors.
  const progenyStart = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) if (sire[k] >= 0 && dam[k] >= 0) progenyStart[sire[k] + 1]++;
  for (let k = 0; k < n; k++) progenyStart[k + 1] += progenyStart[k];
  const progeny = new Int32Array(progenyStart[n]);
  const fill = progenyStart.slice(0, n);
  for (let k = 0; k < n; k++) if (sire[k] >= 0 && dam[k] >= 0) progeny[fill[sire[k]]++] = k;

  const mark = new Int32Array(n).fill(-1);
  const reduced = new Int32Array(n);
  const sorted = new Int32Array(n);
  const u = new Float64Array(n);
  const w = new Float64Array(n);
  const counts = new Int32Array(maxDepth + 2);

  for (let s = 0; s < n; s++) {
    const first = progenyStart[s];
    const last = progenyStart[s + 1];
    if (first === last) continue;
    // Reduced pedigree: the sire, his mates and all their ancestors.
    let size = 0;
    mark[s] = s;
    reduced[size++] = s;
    for (let p = first; p < last; p++) {
      const m = dam[progeny[p]];
      if (mark[m] !== s) (mark[m] = s), (reduced[size++] = m);
    }
    for (let head = 0; head < size; head++) {
      const k = reduced[head];
      const ks = sire[k];
      const kd = dam[k];
      if (ks >= 0 && mark[ks] !== s) (mark[ks] = s), (reduced[size++] = ks);
      if (kd >= 0 && mark[kd] !== s) (mark[kd] = s), (reduced[size++] = kd);
    }
    // Counting sort by depth.
    counts.fill(0);
    for (let i = 0; i < size; i++) counts[depth[reduced[i]] + 1]++;
    for (let d = 0; d <= maxDepth; d++) counts[d + 1] += counts[d];
    for (let i = 0; i < size; i++) {
      const k = reduced[i];
      sorted[counts[depth[k]]++] = k;
      u[k] = 0;
    }
    // Backward: u = T′ e_sire, the sire's expected gene share from each ancestor.
    u[s] = 1;
    for (let i = size - 1; i >= 0; i--) {
      const k = sorted[i];
      const uk = u[k];
      if (uk === 0) continue;
      const half = 0.5 * uk;
      if (sire[k] >= 0) u[sire[k]] += half;
      if (dam[k] >= 0) u[dam[k]] += half;
    }
    // Forward: w = T D u = A e_sire restricted to the reduced pedigree, i.e. each animal's relationship with the sire.
    for (let i = 0; i < size; i++) {
      const k = sorted[i];
      const ks = sire[k];
      const kd = dam[k];
      let wk = 0;
      const uk = u[k];
      if (uk !== 0) {
        // Mendelian sampling variance D_k = ½ − ¼(F_sire + F_dam), an unknown parent counting as F = −1.
        wk = uk * (0.5 - 0.25 * ((ks < 0 ? -1 : f[ks]) + (kd < 0 ? -1 : f[kd])));
      }
      if (ks >= 0) wk += 0.5 * w[ks];
      if (kd >= 0) wk += 0.5 * w[kd];
      w[k] = wk;
    }
    for (let p = first; p < last; p++) {
      const i = progeny[p];
      f[i] = 0.5 * w[dam[i]];
    }
  }
  const result = new Float64Array(n);
  for (let k = 0; k < n; k++) result[order[k]] = f[k];
  return result;
}
