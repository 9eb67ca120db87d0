import { sql } from 'drizzle-orm';
import type { Tx } from '@studbook/platform';
import { arrayLiteral } from '../../array-literal.js';

export interface EvaluationPedigreeRow {
  id: string;
  sireId: string | null;
  damId: string | null;
  /** Null for an animal the caller may not see. */
  sex: 'MALE' | 'FEMALE' | 'UNKNOWN' | null;
  birthDate: string | null;
  visible: boolean;
}

type Row = { id: string; sire_id: string | null; dam_id: string | null; sex: EvaluationPedigreeRow['sex']; birth_date: string | null; visible: boolean };

/** evaluation_pedigree: the caller's animals of a species, the visible `subjects`, and all their ancestors in any organisation. */
export async function findEvaluationPedigree(tx: Tx, speciesId: string, subjects: readonly string[]): Promise<EvaluationPedigreeRow[]> {
  const result = await tx.execute<Row>(
    sql`select id, sire_id, dam_id, sex, birth_date::text as birth_date, visible
        from studbook_api_evaluation_pedigree(${speciesId}, ${arrayLiteral(subjects)}::uuid[]) /* evaluation_pedigree */`,
  );
  return result.rows.map((row) => ({ id: row.id, sireId: row.sire_id, damId: row.dam_id, sex: row.sex, birthDate: row.birth_date, visible: row.visible }));
}
