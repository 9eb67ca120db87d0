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
  // Parents interleaved (2k: sire, 2k + 1: dam) so one cache line serves both.
  const parents = new Int32Array(2 * n);
  for (let k = 0; k < n; k++) (parents[2 * k] = sire[k]), (parents[2 * k + 1] = dam[k]);
  // Progeny with both parents known, grouped by sire; sires in parents-first order, so a sire comes after all his ancestors.
  const progenyStart = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) if (sire[k] >= 0 && dam[k] >= 0) progenyStart[sire[k] + 1]++;
  for (let k = 0; k < n; k++) progenyStart[k + 1] += progenyStart[k];
  const progeny = new Int32Array(progenyStart[n]);
  const fill = progenyStart.slice(0, n);
  for (let k = 0; k < n; k++) if (sire[k] >= 0 && dam[k] >= 0) progeny[fill[sire[k]]++] = k;

  const f = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const ancestry = new Int32Array(n);
  const u = new Float64Array(n);
  const w = new Float64Array(n);

  for (let s = 0; s < n; s++) {
    const first = progenyStart[s];
    const last = progenyStart[s + 1];
    if (first === last) continue;
    // The sire's ancestors (himself included), parents first, by a depth-first search emitting an animal once its parents are out.
    let size = 0;
    let top = 0;
    mark[s] = s;
    stack[top++] = s;
    while (top > 0) {
      const k = stack[top - 1];
      const ks = parents[2 * k];
      if (ks >= 0 && mark[ks] !== s) {
        mark[ks] = s;
        stack[top++] = ks;
        continue;
      }
      const kd = parents[2 * k + 1];
      if (kd >= 0 && mark[kd] !== s) {
        mark[kd] = s;
        stack[top++] = kd;
        continue;
      }
      top--;
      u[k] = 0;
      ancestry[size++] = k;
    }
    // Backward, offspring first: u = T′ e_sire, the sire's expected share of each ancestor's genes.
    u[s] = 1;
    for (let i = size - 1; i >= 0; i--) {
      const k = ancestry[i];
      const half = 0.5 * u[k];
      if (half === 0) continue;
      const ks = parents[2 * k];
      const kd = parents[2 * k + 1];
      if (ks >= 0) u[ks] += half;
      if (kd >= 0) u[kd] += half;
    }
    // Forward, parents first: w = T D u = A e_sire, each ancestor's relationship with the sire. D_k = ½ − ¼(F_sire + F_dam),
    // an unknown parent counting as F = −1.
    for (let i = 0; i < size; i++) {
      const k = ancestry[i];
      const ks = parents[2 * k];
      const kd = parents[2 * k + 1];
      let wk = 0.5 * u[k];
      let fParents = 0;
      if (ks >= 0) (wk += 0.5 * w[ks]), (fParents += f[ks]);
      else fParents -= 1;
      if (kd >= 0) (wk += 0.5 * w[kd]), (fParents += f[kd]);
      else fParents -= 1;
      w[k] = wk - 0.25 * u[k] * fParents;
    }
    // Each mate and her ancestors not already reached: same forward rule with u = 0, in the order the search emits them.
    for (let p = first; p < last; p++) {
      const root = parents[2 * progeny[p] + 1];
      if (mark[root] === s) continue;
      mark[root] = s;
      stack[0] = root;
      top = 1;
      while (top > 0) {
        const k = stack[top - 1];
        const ks = parents[2 * k];
        if (ks >= 0 && mark[ks] !== s) {
          mark[ks] = s;
          stack[top++] = ks;
          continue;
        }
        const kd = parents[2 * k + 1];
        if (kd >= 0 && mark[kd] !== s) {
          mark[kd] = s;
          stack[top++] = kd;
          continue;
        }
        top--;
        w[k] = 0.5 * ((ks >= 0 ? w[ks] : 0) + (kd >= 0 ? w[kd] : 0));
      }
    }
    for (let p = first; p < last; p++) {
      const i = progeny[p];
      f[i] = 0.5 * w[parents[2 * i + 1]];
    }
  }
  const result = new Float64Array(n);
  for (let k = 0; k < n; k++) result[order[k]] = f[k];
  return result;
}
