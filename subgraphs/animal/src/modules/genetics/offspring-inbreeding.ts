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
   * fallback for pedigrees too entangled to enumerate (see MAX_PAIR_STATES) and credits ½ T_sk T_dk D_k.
   */
  attribution: 'wright' | 'mendelian-sampling';
}

/** Beyond this many (sire-line, dam-line) states the exact Wright split would take too long for a request; see README.md. */
export const MAX_PAIR_STATES = 2_000_000;

/** F of a hypothetical offspring of sire × dam (= their kinship) and each common ancestor's contribution to it, largest first; the contributions sum to the coefficient (to 1e-12). */
export function offspringInbreeding(
  graph: PedigreeGraph,
  sire: number,
  dam: number,
  f?: Float64Array,
  { maxPairStates = MAX_PAIR_STATES }: { maxPairStates?: number } = {},
): OffspringInbreeding {
  assertAnimal(graph, sire, 'sire');
  assertAnimal(graph, dam, 'dam');
  const pedigree = orderPedigree(graph);
  const inbreeding = f ?? inbreedingCoefficients(graph);
  const split = wrightSplit(pedigree, inbreeding, pedigree.position[sire], pedigree.position[dam], maxPairStates) ?? mendelianSplit(pedigree, inbreeding, sire, dam);
  const contributions = [...split.entries()]
    .filter(([, contribution]) => contribution > 0)
    .map(([position, contribution]) => ({ ancestor: pedigree.order[position], contribution }))
    .sort((x, y) => y.contribution - x.contribution || x.ancestor - y.ancestor);
  const coefficient = contributions.reduce((sum, c) => sum + c.contribution, 0);
  return { coefficient, contributions, attribution: split.attribution };
}

type Split = Map<number, number> & { attribution: OffspringInbreeding['attribution'] };

function withAttribution(map: Map<number, number>, attribution: OffspringInbreeding['attribution']): Split {
  return Object.assign(map, { attribution });
}

/**
 * Follows one gene from the sire and one from the dam up the pedigree, always moving the younger one to a random parent
 * (probability ½ each), until they sit in the same animal: that animal is where they first meet, and they are then identical by
 * descent with probability ½(1 + F). Summing those is exactly the kinship (the recursive method), and the per-ancestor sums are
 * Wright's path terms through that ancestor. Lines that leave the ancestors the two share can never meet and are dropped.
 */
function wrightSplit(pedigree: OrderedPedigree, f: Float64Array, sire: number, dam: number, maxPairStates: number): Split | undefined {
  const result = withAttribution(new Map<number, number>(), 'wright');
  if (sire === dam) {
    result.set(sire, 0.5 * (1 + f[pedigree.order[sire]]));
    return result;
  }
  const ofSire = traceAncestry(pedigree, sire).positions;
  const ofDam = new Set(traceAncestry(pedigree, dam).positions);
  const union = Int32Array.from(new Set([...ofSire, ...ofDam])).sort();
  const local = new Map<number, number>();
  union.forEach((position, k) => local.set(position, k));
  const common = new Uint8Array(union.length);
  for (const position of ofSire) if (ofDam.has(position)) common[local.get(position)!] = 1;
  // Oldest first: an animal can lead to a meeting only if it or one of its ancestors is a common ancestor.
  const parents = new Int32Array(2 * union.length).fill(-1);
  const leadsToMeeting = new Uint8Array(union.length);
  for (let k = 0; k < union.length; k++) {
    const s = pedigree.sire[union[k]];
    const d = pedigree.dam[union[k]];
    if (s >= 0) parents[2 * k] = local.get(s)!;
    if (d >= 0) parents[2 * k + 1] = local.get(d)!;
    leadsToMeeting[k] =
      common[k] || (s >= 0 && leadsToMeeting[parents[2 * k]]) || (d >= 0 && leadsToMeeting[parents[2 * k + 1]]) ? 1 : 0;
  }
  // pending[younger] maps the older animal of a pair to the probability of the two lines sitting there.
  const pending: (Map<number, number> | undefined)[] = new Array(union.length);
  let states = 0;
  const add = (x: number, y: number, mass: number) => {
    const older = Math.min(x, y);
    const younger = Math.max(x, y);
    const bucket = (pending[younger] ??= new Map());
    const before = bucket.get(older);
    if (before === undefined) states++;
    bucket.set(older, (before ?? 0) + mass);
  };
  add(local.get(sire)!, local.get(dam)!, 1);
  for (let younger = union.length - 1; younger >= 0; younger--) {
    const bucket = pending[younger];
    if (!bucket) continue;
    pending[younger] = undefined;
    if (states > maxPairStates) return undefined;
    for (const [older, mass] of bucket) {
      for (let side = 0; side < 2; side++) {
        const parent = parents[2 * younger + side];
        if (parent < 0 || !leadsToMeeting[parent]) continue;
        if (parent === older) {
          const position = union[older];
          result.set(position, (result.get(position) ?? 0) + 0.25 * mass * (1 + f[pedigree.order[position]]));
        } else add(older, parent, 0.5 * mass);
      }
    }
  }
  return result;
}

/** ½ T_sk T_dk D_k per common ancestor k: exact and linear, but credits old founders for genes that reached the pair through younger common ancestors. */
function mendelianSplit(pedigree: OrderedPedigree, f: Float64Array, sire: number, dam: number): Split {
  const result = withAttribution(new Map<number, number>(), 'mendelian-sampling');
  const ofSire = traceAncestry(pedigree, pedigree.position[sire]);
  const ofDam = traceAncestry(pedigree, pedigree.position[dam]);
  const damShare = new Map<number, number>();
  ofDam.positions.forEach((position, k) => damShare.set(position, ofDam.share[k]));
  ofSire.positions.forEach((position, k) => {
    const share = damShare.get(position);
    if (share !== undefined) result.set(position, 0.5 * ofSire.share[k] * share * mendelianVariance(pedigree, f, position));
  });
  return result;
}
