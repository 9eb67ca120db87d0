import { and, asc, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { measurements } from '@studbook/drizzle/research';
import type { Tx } from '@studbook/platform';

/** A measurement as stored; resolvers map it to the GraphQL Measurement. */
export type MeasurementRow = typeof measurements.$inferSelect;
export type NewMeasurement = Pick<MeasurementRow, 'animalId' | 'trait' | 'value' | 'unit' | 'enteredValue' | 'enteredUnit' | 'groupId' | 'speciesId' | 'measuredAt'>;

/** Which measurements of an animal to list: a trait, and measured at or after from and before to. */
export interface MeasurementFilter {
  trait: string | null;
  from: Date | null;
  to: Date | null;
}

/** The caller's organisation's measurements with these ids (RLS), in no particular order. */
export function findMeasurementsByIds(tx: Tx, ids: readonly string[]): Promise<MeasurementRow[]> {
  return tx
    .select()
    .from(measurements)
    .where(inArray(measurements.id, [...ids]));
}

/**
 * The measurements of these animals the caller's organisation holds, oldest first, in one
 * statement: an index range scan of (animal_id, trait, measured_at), and with from/to only the
 * partitions of those years are read (the bounds are plan-time constants of the statement).
 */
export function findMeasurementsByAnimalIds(tx: Tx, animalIds: readonly string[], filter: MeasurementFilter): Promise<MeasurementRow[]> {
  const conditions: SQL[] = [sql`${measurements.animalId} = any(${sql.param([...animalIds])}::uuid[])`];
  if (filter.trait) conditions.push(sql`${measurements.trait} = ${filter.trait}`);
  if (filter.from) conditions.push(gte(measurements.measuredAt, filter.from));
  if (filter.to) conditions.push(lt(measurements.measuredAt, filter.to));
  return tx
    .select()
    .from(measurements)
    .where(and(...conditions))
    .orderBy(asc(measurements.measuredAt), asc(measurements.id));
}

export async function insertMeasurement(tx: Tx, measurement: NewMeasurement): Promise<MeasurementRow> {
  const [row] = await tx.insert(measurements).values(measurement).returning();
  return row;
}

/** Measurements in columns, one array per column, for one multi-row insert. */
export interface MeasurementBatch {
  animalIds: string[];
  traits: string[];
  values: number[];
  units: string[];
  enteredValues: number[];
  enteredUnits: string[];
  groupIds: (string | null)[];
  speciesIds: string[];
  measuredAts: Date[];
}

/** Inserts a whole import with one statement (arrays unnested server-side); how many rows it wrote. */
export async function insertMeasurementBatch(tx: Tx, batch: MeasurementBatch): Promise<number> {
  const result = await tx.execute(sql`
    insert into measurements (animal_id, trait, value, unit, entered_value, entered_unit, group_id, species_id, measured_at) /* measurement import */
    select * from unnest(${sql.param(batch.animalIds)}::uuid[], ${sql.param(batch.traits)}::text[], ${sql.param(batch.values)}::float8[],
                         ${sql.param(batch.units)}::text[], ${sql.param(batch.enteredValues)}::float8[], ${sql.param(batch.enteredUnits)}::text[],
                         ${sql.param(batch.groupIds)}::uuid[], ${sql.param(batch.speciesIds)}::text[], ${sql.param(batch.measuredAts.map((at) => at.toISOString()))}::timestamptz[])`);
  return result.rowCount ?? 0;
}
