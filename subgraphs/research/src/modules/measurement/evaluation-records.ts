import { sql, type SQL } from 'drizzle-orm';
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
 * Which measurements an evaluation reads: null for the caller's organisation's own (not those other organisations share
 * with the caller's projects, which RLS also shows), else a condition on `measurements` such as a project's grants.
 */
export type EvaluationRecordFilter = SQL | null;

/**
 * The measurement module's read for evaluations: every catalog (not legacy) measurement of a trait in the filter, with the
 * farm of its group, else of the animal's farm assignment in force on the day (another organisation's farms are hidden by
 * RLS, so its records have no farm here). One statement.
 */
export async function readEvaluationRecords(db: TenantDb, scope: TenantScope, trait: string, filter: EvaluationRecordFilter): Promise<EvaluationRecordRow[]> {
  const result = await db.run(scope, (tx) =>
    tx.execute<Row>(sql`
      select measurements.animal_id, measurements.value, measurements.group_id, coalesce(g.farm_id, a.farm_id) as farm_id /* evaluation records */
      from measurements
      left join farm_groups g on g.id = measurements.group_id
      left join lateral (
        select fa.farm_id from farm_assignments fa
        where fa.animal_id = measurements.animal_id and fa."from" <= measurements.measured_at::date
        order by fa."from" desc, fa.created_at desc limit 1
      ) a on measurements.group_id is null
      where measurements.trait = ${trait} and not measurements.legacy and ${recordsIn(filter)}
      order by measurements.animal_id, measurements.measured_at, measurements.id`),
  );
  return result.rows.map((row) => ({ animalId: row.animal_id, value: row.value, groupId: row.group_id, farmId: row.farm_id }));
}

/** Whether the filter holds any catalog measurement of the trait (an evaluation of none is refused). */
export async function hasEvaluationRecords(db: TenantDb, scope: TenantScope, trait: string, filter: EvaluationRecordFilter): Promise<boolean> {
  const result = await db.run(scope, (tx) =>
    tx.execute<{ found: boolean }>(
      sql`select exists (select 1 from measurements where trait = ${trait} and not legacy and ${recordsIn(filter)}) as found /* evaluation has records */`,
    ),
  );
  return result.rows[0].found;
}

function recordsIn(filter: EvaluationRecordFilter): SQL {
  return filter ?? sql`measurements.tenant_id = studbook_current_tenant()`;
}
