import type { PedigreeGraph } from './pedigree-graph.js';

/** One animal of a lineage walk: ids only, never details. */
export interface LineageRow {
  id: string;
  sireId: string | null;
  damId: string | null;
}

/** A lineage walk as the genetics functions take it: dense indices, -1 for a parent not in the walk. */
export interface DenseLineage {
  graph: PedigreeGraph;
  ids: string[];
  index: Map<string, number>;
}

export function denseLineage(rows: readonly LineageRow[]): DenseLineage {
  const ids = rows.map((row) => row.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    index.set(id, i);
  });
  const sire = new Int32Array(ids.length);
  const dam = new Int32Array(ids.length);
  rows.forEach((row, i) => {
    sire[i] = row.sireId ? (index.get(row.sireId) ?? -1) : -1;
    dam[i] = row.damId ? (index.get(row.damId) ?? -1) : -1;
  });
  return { graph: { sire, dam }, ids, index };
}
