import { sql } from 'drizzle-orm';
import type { Tx } from '@studbook/platform';
import { arrayLiteral } from '../../array-literal.js';

/** Stored F of these animals, as RLS lets the caller see them (their own, or public ones). */
export async function findInbreeding(tx: Tx, animalIds: readonly string[]): Promise<Map<string, number>> {
  const result = await tx.execute<{ id: string; inbreeding: number }>(sql`select id, inbreeding from lineage_metrics where id = any(${arrayLiteral(animalIds)}::uuid[])`);
  return new Map(result.rows.map((row) => [row.id, row.inbreeding]));
}

export interface PopulationRow {
  animalCount: number;
  meanInbreeding: number | null;
  atLeast0625: number;
  atLeast125: number;
  meanCompleteness5: number | null;
}

/** Aggregates over the caller's organisation's animals of one species; an animal without a metrics row has no recorded parent (F = 0, completeness 0). */
export async function findPopulationStats(tx: Tx, tenantId: string, speciesId: string): Promise<PopulationRow> {
  const result = await tx.execute<Record<string, string | number | null>>(sql`
    select count(*)::int as animal_count,
           avg(coalesce(m.inbreeding, 0)) as mean_inbreeding,
           count(*) filter (where m.inbreeding >= 0.0625)::int as at_least_0625,
           count(*) filter (where m.inbreeding >= 0.125)::int as at_least_125,
           avg(coalesce(m.completeness5, 0)) as mean_completeness5
    from animals a left join lineage_metrics m on m.id = a.id
    where a.tenant_id = ${tenantId} and a.species_id = ${speciesId}`);
  const row = result.rows[0];
  const num = (value: string | number | null) => (value === null ? null : Number(value));
  return {
    animalCount: Number(row.animal_count),
    meanInbreeding: num(row.mean_inbreeding),
    atLeast0625: Number(row.at_least_0625),
    atLeast125: Number(row.at_least_125),
    meanCompleteness5: num(row.mean_completeness5),
  };
}
