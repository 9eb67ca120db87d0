import { or, sql } from 'drizzle-orm';
import { animals } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import type { AnimalRow } from '../animal/animal-row.js';
import type { LineageRow } from './lineage-graph.js';

type WalkRow = { id: string; sire_id: string | null; dam_id: string | null };
const lineageRow = (row: WalkRow): LineageRow => ({ id: row.id, sireId: row.sire_id, damId: row.dam_id });

/**
 * A PostgreSQL array literal passed as one text parameter: Drizzle would expand a JS array into
 * one parameter per element, and an import passes 100,000 ids (PostgreSQL allows 65,535 parameters).
 */
export function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.join(',')}}`;
}

/** pedigree_structure: the lineage of all these visible roots up to `generations`, in one recursive query. */
export async function findPedigreeStructure(tx: Tx, roots: readonly string[], generations: number): Promise<LineageRow[]> {
  const result = await tx.execute<WalkRow>(
    sql`select id, sire_id, dam_id from studbook_api_pedigree_structure(${arrayLiteral(roots)}::uuid[], ${generations}) /* pedigree_structure */`,
  );
  return result.rows.map(lineageRow);
}

/** ancestor_graph: these visible animals and all their ancestors, in any organisation (ids only). */
export async function findAncestorGraph(tx: Tx, animalIds: readonly string[]): Promise<LineageRow[]> {
  const result = await tx.execute<WalkRow>(sql`select id, sire_id, dam_id from studbook_api_ancestor_graph(${arrayLiteral(animalIds)}::uuid[]) /* ancestor_graph */`);
  return result.rows.map(lineageRow);
}

/** lineage_closure: the caller's animals `seeds` with all descendants (affected) and all their ancestors. */
export async function findLineageClosure(tx: Tx, seeds: readonly string[]): Promise<(LineageRow & { affected: boolean })[]> {
  const result = await tx.execute<WalkRow & { affected: boolean }>(
    sql`select id, sire_id, dam_id, affected from studbook_api_lineage_closure(${arrayLiteral(seeds)}::uuid[]) /* lineage_closure */`,
  );
  return result.rows.map((row) => ({ ...lineageRow(row), affected: row.affected }));
}

export interface LineageMetrics {
  id: string;
  inbreeding: number;
  completeness5: number;
}

/**
 * Writes F and completeness in one statement; returns how many rows changed. Only descendants of
 * `seeds` (the caller tenant's changed animals, included) are written, in any organisation.
 */
export async function storeLineageMetrics(tx: Tx, seeds: readonly string[], metrics: readonly LineageMetrics[]): Promise<number> {
  if (metrics.length === 0) return 0;
  const result = await tx.execute<{ written: number }>(sql`select studbook_api_store_lineage_metrics(
    ${arrayLiteral(seeds)}::uuid[],
    ${arrayLiteral(metrics.map((m) => m.id))}::uuid[],
    ${arrayLiteral(metrics.map((m) => m.inbreeding))}::float8[],
    ${arrayLiteral(metrics.map((m) => m.completeness5))}::float8[]) as written /* store_lineage_metrics */`);
  return result.rows[0].written;
}

/** Drops the metrics of these animals where they no longer have any recorded parent (F and completeness are then 0). */
export async function clearLineageMetrics(tx: Tx, animalIds: readonly string[]): Promise<number> {
  if (animalIds.length === 0) return 0;
  const result = await tx.execute<{ cleared: number }>(
    sql`select studbook_api_clear_lineage_metrics(${arrayLiteral(animalIds)}::uuid[]) as cleared /* clear_lineage_metrics */`,
  );
  return result.rows[0].cleared;
}

/** Stored F of these animals, as RLS lets the caller see them (their own, or public ones). */
export async function findInbreeding(tx: Tx, animalIds: readonly string[]): Promise<Map<string, number>> {
  const result = await tx.execute<{ id: string; inbreeding: number }>(
    sql`select id, inbreeding from lineage_metrics where id = any(${arrayLiteral(animalIds)}::uuid[])`,
  );
  return new Map(result.rows.map((row) => [row.id, row.inbreeding]));
}

/** Visible offspring of any of these parents, oldest first. */
export function findOffspring(tx: Tx, parentIds: readonly string[]): Promise<AnimalRow[]> {
  return tx
    .select()
    .from(animals)
    .where(or(sql`${animals.sireId} = any(${arrayLiteral(parentIds)}::uuid[])`, sql`${animals.damId} = any(${arrayLiteral(parentIds)}::uuid[])`))
    .orderBy(sql`${animals.hatchDate} nulls last`, animals.createdAt, animals.id);
}

/**
 * Visible descendants up to `generations` down, each at its nearest generation. The walk runs as
 * the caller, so RLS stops it at an animal the caller cannot see. Cycle-safe: depth-limited.
 * Null when there are more than `maxRows` (their details are then not read).
 */
export async function findDescendants(tx: Tx, animalId: string, generations: number, maxRows: number): Promise<{ generation: number; animal: AnimalRow }[] | null> {
  const walk = await tx.execute<{ id: string; generation: number }>(sql`
    with recursive walk(id, generation) as (
      select ${animalId}::uuid, 0
      union
      select o.id, w.generation + 1
      from walk w join animals o on o.sire_id = w.id or o.dam_id = w.id
      where w.generation < ${generations}
    )
    select id, min(generation)::int as generation from walk
    where generation > 0 and id <> ${animalId}::uuid -- corrupt data with a loop reaches the animal again
    group by id limit ${maxRows + 1} /* descendants */`);
  if (walk.rows.length > maxRows) return null;
  if (walk.rows.length === 0) return [];
  const generationOf = new Map(walk.rows.map((row) => [row.id, Number(row.generation)]));
  const rows = await tx
    .select()
    .from(animals)
    // One array parameter: a founder of a large herdbook can have more descendants than PostgreSQL takes parameters.
    .where(sql`${animals.id} = any(${arrayLiteral([...generationOf.keys()])}::uuid[])`)
    .orderBy(sql`${animals.hatchDate} nulls last`, animals.createdAt, animals.id);
  return rows
    .map((animal) => ({ generation: generationOf.get(animal.id)!, animal }))
    .sort((x, y) => x.generation - y.generation);
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
