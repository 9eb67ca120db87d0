import type { PedigreeGraph } from './pedigree-graph.js';

/**
 * Pedigree completeness index (MacCluer et al. 1983) over `generations`, from the set of known ancestor positions ('S','D','SS','SD',...; 'SD' = sire's dam).
 * Each side's completeness is the mean over generations 1..g of the share of that side's 2^(k−1) ancestors known in generation k;
 * the index is their harmonic mean 2·C_sire·C_dam / (C_sire + C_dam), so a pedigree known on one side only scores 0.
 */
export function pedigreeCompleteness(knownPositions: ReadonlySet<string>, generations: number): number {
  if (!Number.isInteger(generations) || generations < 1) throw new RangeError(`generations must be a positive integer, got ${generations}`);
  const knownPerGeneration = { S: new Array<number>(generations).fill(0), D: new Array<number>(generations).fill(0) };
  for (const position of knownPositions) {
    if (position.length < 1 || position.length > generations || !/^[SD]+$/.test(position)) continue;
    knownPerGeneration[position[0] as 'S' | 'D'][position.length - 1]++;
  }
  const side = (known: number[]) => known.reduce((sum, count, k) => sum + count / 2 ** k, 0) / generations;
  const sire = side(knownPerGeneration.S);
  const dam = side(knownPerGeneration.D);
  return sire + dam === 0 ? 0 : (2 * sire * dam) / (sire + dam);
}

/**
 * The same index for animal `animal` of a graph, without spelling out positions: each generation's known ancestors are counted
 * with their multiplicity (an ancestor reached by two paths fills two positions), so it stays linear in generations × distinct
 * ancestors even for deep, inbred pedigrees where the number of positions (2^g) would explode.
 */
export function pedigreeCompletenessOf(graph: PedigreeGraph, animal: number, generations: number): number {
  if (!Number.isInteger(generations) || generations < 1) throw new RangeError(`generations must be a positive integer, got ${generations}`);
  const side = (parent: number) => {
    let level = new Map<number, number>(parent < 0 ? [] : [[parent, 1]]);
    let sum = 0;
    for (let k = 0; k < generations && level.size > 0; k++) {
      let known = 0;
      const next = new Map<number, number>();
      for (const [ancestor, paths] of level) {
        known += paths;
        for (const p of [graph.sire[ancestor], graph.dam[ancestor]]) if (p >= 0) next.set(p, (next.get(p) ?? 0) + paths);
      }
      sum += known / 2 ** k;
      level = next;
    }
    return sum / generations;
  };
  const sire = side(graph.sire[animal]);
  const dam = side(graph.dam[animal]);
  return sire + dam === 0 ? 0 : (2 * sire * dam) / (sire + dam);
}
