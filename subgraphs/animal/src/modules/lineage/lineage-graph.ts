import type { PedigreeGraph } from '../genetics/pedigree-graph.js';

/** One animal of a lineage walk: ids only, never details. */
export interface LineageRow {
  id: string;
  sireId: string | null;
  damId: string | null;
}

/** A lineage walk as the genetics module takes it: dense indices, -1 for a parent not in the walk. */
export interface DenseLineage {
  graph: PedigreeGraph;
  ids: string[];
  index: Map<string, number>;
}

export function denseLineage(rows: readonly LineageRow[]): DenseLineage {
  const ids = rows.map((row) => row.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const sire = new Int32Array(ids.length);
  const dam = new Int32Array(ids.length);
  rows.forEach((row, i) => {
    sire[i] = row.sireId ? (index.get(row.sireId) ?? -1) : -1;
    dam[i] = row.damId ? (index.get(row.damId) ?? -1) : -1;
  });
  return { graph: { sire, dam }, ids, index };
}

/**
 * Pedigree completeness index (MacCluer et al. 1983) of one animal over `generations`, on dense
 * indices: the same definition as genetics/completeness.ts (which takes position strings), without
 * building a string per ancestor, so a recompute of 100,000 animals stays cheap.
 */
export function completenessOf(graph: PedigreeGraph, animal: number, generations: number): number {
  const side = (parent: number) => {
    let frontier = parent < 0 ? [] : [parent];
    let sum = 0;
    for (let k = 0; k < generations && frontier.length > 0; k++) {
      sum += frontier.length / 2 ** k;
      if (k + 1 === generations) break;
      const next: number[] = [];
      for (const a of frontier) {
        if (graph.sire[a] >= 0) next.push(graph.sire[a]);
        if (graph.dam[a] >= 0) next.push(graph.dam[a]);
      }
      frontier = next;
    }
    return sum / generations;
  };
  const s = side(graph.sire[animal]);
  const d = side(graph.dam[animal]);
  return s + d === 0 ? 0 : (4 * s * d) / (s + d);
}
