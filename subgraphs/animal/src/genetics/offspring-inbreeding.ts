import { mendelianVariance, traceAncestry } from './ancestry.js';
import { inbreedingCoefficients } from './inbreeding.js';
import { assertAnimal, orderPedigree, type OrderedPedigree, type PedigreeGraph } from './pedigree-graph.js';

export interface AncestorContribution {
  ancestor: number;
  contribution: number;
}

export interface OffspringInbreeding {
  coefficient: number;
  contributions: AncestorContribution[];
  /**
   * How the coefficient was split: 'wright' credits each common ancestor with the probability that the sire's and the dam's
   * genes first meet in it, times ½(1 + F_ancestor) (the sum of Wright's path terms through it); 'mendelian-sampling' is the
   * fallback for pedigrees too entangled to split in time (see MAX_WRIGHT_WORK) and credits ½ T_sk T_dk D_k.
   */
  attribution: 'wright' | 'mendelian-sampling';
}

/** Beyond this many ancestor visits the exact Wright split would take too long for a request; see README.md. */
export const MAX_WRIGHT_WORK = 20_000_000;

/** F of a hypothetical offspring of sire × dam (= their kinship) and each common ancestor's contribution to it, largest first; the contributions sum to the coefficient (to 1e-12). */
export function offspringInbreeding(
  graph: PedigreeGraph,
  sire: number,
  dam: number,
  f?: Float64Array,
  { maxWork = MAX_WRIGHT_WORK }: { maxWork?: number } = {},
): OffspringInbreeding {
  assertAnimal(graph, sire, 'sire');
  assertAnimal(graph, dam, 'dam');
  const pedigree = orderPedigree(graph);
  const inbreeding = f ?? inbreedingCoefficients(graph);
  const [s, d] = [pedigree.position[sire], pedigree.position[dam]];
  const wright = wrightSplit(pedigree, inbreeding, s, d, maxWork);
  const credit = wright ?? mendelianSplit(pedigree, inbreeding, s, d);
  const contributions = [...credit.entries()]
    .filter(([, contribution]) => contribution > 0)
    .map(([position, contribution]) => ({ ancestor: pedigree.order[position], contribution }))
    .sort((x, y) => y.contribution - x.contribution || x.ancestor - y.ancestor);
  const coefficient = contributions.reduce((sum, c) => sum + c.contribution, 0);
  return { coefficient, contributions, attribution: wright ? 'wright' : 'mendelian-sampling' };
}

/** Credit per common ancestor, keyed by position in the ordered pedigree. */
type Credit = Map<number, number>;

/**
 * Wright's path terms per common ancestor, without enumerating paths. Follow one gene from the sire and one from the dam up the
 * pedigree, each to a random parent per generation: Wright's non-overlapping path pairs through A are exactly the ways the two
 * lines have A as the youngest animal they both pass, and there the genes are identical by descent with probability ½(1 + F_A).
 * Both lines pass A with probability T_sA·T_dA; if they last met in a younger M, they then pass A with probability T_MA² (the
 * lines are independent above M). So, youngest first, first(A) = T_sA·T_dA − Σ_M first(M)·T_MA², tracing the ancestry of each M
 * that gets a share. All common ancestors of a pair form an ancestor-closed set, so the traces never leave it.
 * Returns undefined when more than `maxWork` ancestor visits would be needed.
 */
function wrightSplit(pedigree: OrderedPedigree, f: Float64Array, sire: number, dam: number, maxWork: number): Credit | undefined {
  const result: Credit = new Map();
  const ofSire = traceAncestry(pedigree, sire);
  const ofDam = traceAncestry(pedigree, dam);
  // Common ancestors, youngest first (both lists are), with the chance that both lines pass each.
  const common: number[] = [];
  const bothPass: number[] = [];
  for (let i = 0, j = 0; i < ofSire.positions.length && j < ofDam.positions.length; ) {
    const ps = ofSire.positions[i];
    const pd = ofDam.positions[j];
    if (ps > pd) i++;
    else if (pd > ps) j++;
    else common.push(ps), bothPass.push(ofSire.share[i++] * ofDam.share[j++]);
  }
  const local = new Map<number, number>();
  common.forEach((position, k) => {
    local.set(position, k);
  });
  const parents = new Int32Array(2 * common.length);
  common.forEach((position, k) => {
    const s = pedigree.sire[position];
    const d = pedigree.dam[position];
    parents[2 * k] = s < 0 ? -1 : local.get(s)!;
    parents[2 * k + 1] = d < 0 ? -1 : local.get(d)!;
  });
  const share = new Float64Array(common.length);
  const seen = new Int32Array(common.length).fill(-1);
  let work = 0;
  for (let m = 0; m < common.length; m++) {
    const first = bothPass[m];
    // Exact zeros in practice (shares are sums of powers of ½); the tolerance only absorbs rounding in very deep pedigrees.
    if (first <= 1e-15) continue;
    result.set(common[m], 0.5 * first * (1 + f[pedigree.order[common[m]]]));
    // The ancestry of m within the common ancestors, youngest first (ascending local index), and m's share of each.
    const ancestry = [m];
    seen[m] = m;
    for (let head = 0; head < ancestry.length; head++) {
      for (let side = 0; side < 2; side++) {
        const parent = parents[2 * ancestry[head] + side];
        if (parent >= 0 && seen[parent] !== m) (seen[parent] = m), ancestry.push(parent);
      }
    }
    work += ancestry.length;
    if (work > maxWork) return undefined;
    ancestry.sort((x, y) => x - y);
    for (const a of ancestry) share[a] = 0;
    share[m] = 1;
    for (const a of ancestry) {
      const half = 0.5 * share[a];
      if (parents[2 * a] >= 0) share[parents[2 * a]] += half;
      if (parents[2 * a + 1] >= 0) share[parents[2 * a + 1]] += half;
      if (a !== m) bothPass[a] -= first * share[a] * share[a];
    }
  }
  return result;
}

/** ½ T_sk T_dk D_k per common ancestor k: exact and linear, but credits old founders for genes that reached the pair through younger common ancestors. */
function mendelianSplit(pedigree: OrderedPedigree, f: Float64Array, sire: number, dam: number): Credit {
  const result: Credit = new Map();
  const ofSire = traceAncestry(pedigree, sire);
  const ofDam = traceAncestry(pedigree, dam);
  const damShare = new Map<number, number>();
  ofDam.positions.forEach((position, k) => {
    damShare.set(position, ofDam.share[k]);
  });
  ofSire.positions.forEach((position, k) => {
    const share = damShare.get(position);
    if (share !== undefined) result.set(position, 0.5 * ofSire.share[k] * share * mendelianVariance(pedigree, f, position));
  });
  return result;
}
