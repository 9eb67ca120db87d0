import { or, sql } from 'drizzle-orm';
import { animals } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import type { AnimalRow } from '../animal/animal-row.js';
import { arrayLiteral } from '../../array-literal.js';
import type { LineageRow } from '../../genetics/lineage-graph.js';

/** Any constant; advisory locks are per database, and the migrations hold 7707. */
const LINEAGE_LOCK_KEY = 7708;

/**
 * Serialises every write that changes lineage (parents, or a parent's sex or hatch date), across
 * organisations, until the transaction ends: the checks that follow then see every earlier
 * such write committed, so two updates cannot each pass a cycle check the other breaks.
 */
export async function lockLineage(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LINEAGE_LOCK_KEY})`);
}

type WalkRow = { id: string; sire_id: string | null; dam_id: string | null };
const lineageRow = (row: WalkRow): LineageRow => ({ id: row.id, sireId: row.sire_id, damId: row.dam_id });

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
  return rows.map((animal) => ({ generation: generationOf.get(animal.id)!, animal })).sort((x, y) => x.generation - y.generation);
}
