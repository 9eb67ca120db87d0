import { meuwissenLuoInbreeding } from './meuwissen-luo.js';
import type { PedigreeGraph } from './pedigree-graph.js';

/** Wright's coefficient of inbreeding F of every animal. Parent links that close a cycle (corrupt data) are treated as unknown, never hang or throw. */
export function inbreedingCoefficients(graph: PedigreeGraph): Float64Array {
  return meuwissenLuoInbreeding(graph);
}
