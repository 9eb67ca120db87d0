import { asc, inArray, sql } from 'drizzle-orm';
import { measurements } from '@studbook/drizzle/research';
import type { Tx } from '@studbook/platform';

/** A measurement as stored; resolvers map it to the GraphQL Measurement. */
export type MeasurementRow = typeof measurements.$inferSelect;
export type NewMeasurement = Pick<MeasurementRow, 'animalId' | 'trait' | 'value' | 'unit' | 'measuredAt'>;

/** The caller's organisation's measurements with these ids (RLS), in no particular order. */
export function findMeasurementsByIds(tx: Tx, ids: readonly string[]): Promise<MeasurementRow[]> {
  return tx
    .select()
    .from(measurements)
    .where(inArray(measurements.id, [...ids]));
}

/** Every measurement of these animals the caller's organisation holds, oldest first, in one statement. */
export function findMeasurementsByAnimalIds(tx: Tx, animalIds: readonly string[]): Promise<MeasurementRow[]> {
  return tx
    .select()
    .from(measurements)
    .where(sql`${measurements.animalId} = any(${sql.param([...animalIds])}::uuid[])`)
    .orderBy(asc(measurements.measuredAt), asc(measurements.id));
}

export async function insertMeasurement(tx: Tx, measurement: NewMeasurement): Promise<MeasurementRow> {
  const [row] = await tx.insert(measurements).values(measurement).returning();
  return row;
}
