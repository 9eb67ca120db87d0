import { sql } from 'drizzle-orm';
import type { Tx } from '@studbook/platform';

export interface BreedingValueRow {
  animalId: string;
  trait: string;
  ebv: number;
  accuracy: number | null;
  runId: string;
}

/** A run's breeding values in columns, written by one statement (arrays unnested server-side). */
export interface BreedingValueBatch {
  animalIds: string[];
  ebvs: number[];
  accuracies: (number | null)[];
  birthYears: (number | null)[];
}

/** The run a batch belongs to: its tenant (the project's owner for a project run) and project are the values' too. */
export interface BreedingValueRun {
  id: string;
  tenantId: string;
  projectId: string | null;
  trait: string;
}

export async function insertBreedingValues(tx: Tx, run: BreedingValueRun, batch: BreedingValueBatch): Promise<number> {
  const result = await tx.execute(sql`
    insert into breeding_values (tenant_id, project_id, run_id, trait, animal_id, ebv, accuracy, birth_year) /* breeding values */
    select ${run.tenantId}::uuid, ${run.projectId}::uuid, ${run.id}::uuid, ${run.trait}, * from unnest(${sql.param(batch.animalIds)}::uuid[], ${sql.param(batch.ebvs)}::float8[],
                                            ${sql.param(batch.accuracies)}::float8[], ${sql.param(batch.birthYears)}::int2[])`);
  return result.rowCount ?? 0;
}

type Row = { animal_id: string; trait: string; ebv: number; accuracy: number | null; run_id: string };

/**
 * Each animal's values in the latest successful run of every trait that has one for it, in one scope: the caller's
 * organisation's own runs (projectId null), or one project's (RLS: only its members read them).
 */
export async function findLatestBreedingValues(tx: Tx, projectId: string | null, animalIds: readonly string[]): Promise<BreedingValueRow[]> {
  const inScope = projectId ? sql`b.project_id = ${projectId}::uuid` : sql`b.project_id is null`;
  const result = await tx.execute<Row>(sql`
    select distinct on (b.animal_id, b.trait) b.animal_id, b.trait, b.ebv, b.accuracy, b.run_id /* latest breeding values */
    from breeding_values b join evaluation_runs r on r.id = b.run_id and r.status = 'SUCCEEDED'
    where b.animal_id = any(${sql.param([...animalIds])}::uuid[]) and ${inScope}
    order by b.animal_id, b.trait, r.finished_at desc, r.id desc`);
  return result.rows.map((row) => ({ animalId: row.animal_id, trait: row.trait, ebv: row.ebv, accuracy: row.accuracy, runId: row.run_id }));
}

export interface TrendRow {
  year: number;
  meanEbv: number;
  animals: number;
}

/** Mean EBV by birth year in one run, oldest year first; animals without a birth date are left out. */
export async function findTrend(tx: Tx, runId: string): Promise<TrendRow[]> {
  const result = await tx.execute<{ year: number; mean_ebv: number; animals: number }>(sql`
    select birth_year::int as year, avg(ebv)::float8 as mean_ebv, count(*)::int as animals /* genetic trend */
    from breeding_values where run_id = ${runId} and birth_year is not null group by birth_year order by birth_year`);
  return result.rows.map((row) => ({ year: row.year, meanEbv: row.mean_ebv, animals: row.animals }));
}

/** Every breeding value of one run, for an export. */
export async function findRunBreedingValues(tx: Tx, runId: string): Promise<{ animalId: string; ebv: number; accuracy: number | null }[]> {
  const result = await tx.execute<{ animal_id: string; ebv: number; accuracy: number | null }>(
    sql`select animal_id, ebv, accuracy from breeding_values where run_id = ${runId} order by animal_id /* run breeding values */`,
  );
  return result.rows.map((row) => ({ animalId: row.animal_id, ebv: row.ebv, accuracy: row.accuracy }));
}
