import { sql } from 'drizzle-orm';
import type { TenantDb, TenantScope } from '@studbook/platform';

/** A measurement as a genetic evaluation reads it: the canonical value, its group, and the farm it was taken on. */
export interface EvaluationRecordRow {
  animalId: string;
  value: number;
  groupId: string | null;
  farmId: string | null;
}

type Row = { animal_id: string; value: number; group_id: string | null; farm_id: string | null };

/**
 * The measurement module's read for evaluations: every catalog (not legacy) measurement of a trait the caller's organisation
 * holds, with the farm of its group, else of the animal's farm assignment in force on the day. One statement.
 */
export async function readEvaluationRecords(db: TenantDb, scope: TenantScope, trait: string): Promise<EvaluationRecordRow[]> {
  const result = await db.run(scope, (tx) =>
    tx.execute<Row>(sql`
      select m.animal_id, m.value, m.group_id, coalesce(g.farm_id, a.farm_id) as farm_id /* evaluation records */
      from measurements m
      left join farm_groups g on g.id = m.group_id
      left join lateral (
        select fa.farm_id from farm_assignments fa
        where fa.animal_id = m.animal_id and fa."from" <= m.measured_at::date
        order by fa."from" desc, fa.created_at desc limit 1
      ) a on m.group_id is null
      where m.trait = ${trait} and not m.legacy
      order by m.animal_id, m.measured_at, m.id`),
  );
  return result.rows.map((row) => ({ animalId: row.animal_id, value: row.value, groupId: row.group_id, farmId: row.farm_id }));
}

/** Whether the caller's organisation holds any catalog measurement of the trait (an evaluation of none is refused). */
export async function hasEvaluationRecords(db: TenantDb, scope: TenantScope, trait: string): Promise<boolean> {
  const result = await db.run(scope, (tx) =>
    tx.execute<{ found: boolean }>(sql`select exists (select 1 from measurements where trait = ${trait} and not legacy) as found /* evaluation has records */`),
  );
  return result.rows[0].found;
}
