import { mendelianVariance, traceAncestry } from './ancestry.js';
import { inbreedingCoefficients } from './inbreeding.js';
import { assertAnimal, orderPedigree, type PedigreeGraph } from './pedigree-graph.js';

/**
 * Coefficient of coancestry (kinship) of a and b; kinship(a, a) = (1 + F_a) / 2. `f` (from inbreedingCoefficients) may be passed to avoid recomputing.
 * Computed as ½ Σ_k T_ak T_bk D_k over the common ancestors k (A = T D T′), linear in the two ancestries.
 */
export function kinship(graph: PedigreeGraph, a: number, b: number, f?: Float64Array): number {
  assertAnimal(graph, a, 'a');
  assertAnimal(graph, b, 'b');
  const pedigree = orderPedigree(graph);
  const inbreeding = f ?? inbreedingCoefficients(graph);
  const ofA = traceAncestry(pedigree, pedigree.position[a]);
  const ofB = traceAncestry(pedigree, pedigree.position[b]);
  // Both lists are youngest first: walk them together to find the common ancestors.
  let sum = 0;
  for (let i = 0, j = 0; i < ofA.positions.length && j < ofB.positions.length; ) {
    const pa = ofA.positions[i];
    const pb = ofB.positions[j];
    if (pa > pb) i++;
    else if (pb > pa) j++;
    else {
      sum += ofA.share[i] * ofB.share[j] * mendelianVariance(pedigree, inbreeding, pa);
      i++;
      j++;
    }
  }
  return 0.5 * sum;
}
