import { sql } from 'drizzle-orm';
import type { Tx } from '@studbook/platform';
import { arrayLiteral } from '../../array-literal.js';
import type { LineageRow } from '../../genetics/lineage-graph.js';

/** pedigree_structure: the lineage of all these visible roots up to `generations`, in one recursive query. */
export async function findPedigreeStructure(tx: Tx, roots: readonly string[], generations: number): Promise<LineageRow[]> {
  const result = await tx.execute<{ id: string; sire_id: string | null; dam_id: string | null }>(
    sql`select id, sire_id, dam_id from studbook_api_pedigree_structure(${arrayLiteral(roots)}::uuid[], ${generations}) /* pedigree_structure */`,
  );
  return result.rows.map((row) => ({ id: row.id, sireId: row.sire_id, damId: row.dam_id }));
}
