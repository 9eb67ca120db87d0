import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { farmAssignments, farmGroups, farms, measurements } from '@studbook/drizzle/research';
import type { Tx } from '@studbook/platform';
import type { FarmFields } from './farm-input.js';

export type FarmRow = typeof farms.$inferSelect;
export type GroupRow = typeof farmGroups.$inferSelect;
/** An assignment with the day the animal's next assignment starts (null for the latest). */
export type AssignmentRow = typeof farmAssignments.$inferSelect & { to: string | null };
export type NewGroup = Pick<GroupRow, 'farmId' | 'name' | 'purpose'>;
export type NewAssignment = Pick<AssignmentRow, 'animalId' | 'farmId' | 'groupId' | 'from'>;

export interface MonthlyMeanRow {
  groupId: string;
  month: string;
  mean: number;
  count: number;
}

export function findFarms(tx: Tx): Promise<FarmRow[]> {
  return tx.select().from(farms).orderBy(asc(farms.name), asc(farms.id));
}

export function findFarmsByIds(tx: Tx, ids: readonly string[]): Promise<FarmRow[]> {
  return tx
    .select()
    .from(farms)
    .where(inArray(farms.id, [...ids]));
}

/**
 * The caller's farms within a great-circle distance, nearest first. earth_box is the cube around
 * the circle that the GiST index on studbook_api_earth_point answers; earth_distance then drops the corners.
 */
export async function findFarmsNear(tx: Tx, latitude: number, longitude: number, km: number): Promise<{ farm: FarmRow; km: number }[]> {
  const metres = km * 1000;
  const point = sql`studbook_api_earth_point(${latitude}::float8, ${longitude}::float8)`;
  const location = sql`studbook_api_earth_point(${farms.latitude}, ${farms.longitude})`;
  const distance = sql<number>`earth_distance(${point}, ${location})`;
  const rows = await tx
    .select({ farm: farms, metres: distance })
    .from(farms)
    .where(and(sql`earth_box(${point}, ${metres}::float8) @> ${location}`, sql`${distance} <= ${metres}::float8`))
    .orderBy(distance, asc(farms.id));
  return rows.map((row) => ({ farm: row.farm, km: Number(row.metres) / 1000 }));
}

export async function insertFarm(tx: Tx, fields: FarmFields): Promise<FarmRow> {
  const [row] = await tx.insert(farms).values(fields).returning();
  return row;
}

export async function updateFarm(tx: Tx, id: string, fields: FarmFields): Promise<FarmRow | null> {
  const [row] = await tx
    .update(farms)
    .set({ ...fields, updatedAt: sql`date_trunc('milliseconds', now())` })
    .where(eq(farms.id, id))
    .returning();
  return row ?? null;
}

export async function deleteFarm(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.delete(farms).where(eq(farms.id, id)).returning({ id: farms.id });
  return rows.length > 0;
}

export function findGroupsByIds(tx: Tx, ids: readonly string[]): Promise<GroupRow[]> {
  return tx
    .select()
    .from(farmGroups)
    .where(inArray(farmGroups.id, [...ids]));
}

export function findGroupsByFarmIds(tx: Tx, farmIds: readonly string[]): Promise<GroupRow[]> {
  return tx
    .select()
    .from(farmGroups)
    .where(inArray(farmGroups.farmId, [...farmIds]))
    .orderBy(asc(farmGroups.name), asc(farmGroups.id));
}

export async function insertGroup(tx: Tx, group: NewGroup): Promise<GroupRow> {
  const [row] = await tx.insert(farmGroups).values(group).returning();
  return row;
}

export async function updateGroup(tx: Tx, id: string, fields: Pick<GroupRow, 'name' | 'purpose'>): Promise<GroupRow | null> {
  const [row] = await tx
    .update(farmGroups)
    .set({ ...fields, updatedAt: sql`date_trunc('milliseconds', now())` })
    .where(eq(farmGroups.id, id))
    .returning();
  return row ?? null;
}

export async function deleteGroup(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.delete(farmGroups).where(eq(farmGroups.id, id)).returning({ id: farmGroups.id });
  return rows.length > 0;
}

/** Whether an assignment names the farm, or the group (with a measurement too); what keeps them from deletion. */
export async function isFarmInUse(tx: Tx, farmId: string): Promise<boolean> {
  const rows = await tx.select({ id: farmAssignments.id }).from(farmAssignments).where(eq(farmAssignments.farmId, farmId)).limit(1);
  return rows.length > 0;
}

export async function isGroupInUse(tx: Tx, groupId: string): Promise<boolean> {
  const assigned = await tx.select({ id: farmAssignments.id }).from(farmAssignments).where(eq(farmAssignments.groupId, groupId)).limit(1);
  if (assigned.length > 0) return true;
  const measured = await tx.select({ id: measurements.id }).from(measurements).where(eq(measurements.groupId, groupId)).limit(1);
  return measured.length > 0;
}

export async function insertAssignment(tx: Tx, assignment: NewAssignment): Promise<typeof farmAssignments.$inferSelect> {
  const [row] = await tx.insert(farmAssignments).values(assignment).returning();
  return row;
}

/** Every assignment of these animals, most recent first, each with the start of the one after it. */
export async function findAssignmentsByAnimalIds(tx: Tx, animalIds: readonly string[]): Promise<AssignmentRow[]> {
  const next = sql<
    string | null
  >`lead(${farmAssignments.from}) over (partition by ${farmAssignments.animalId} order by ${farmAssignments.from}, ${farmAssignments.createdAt}, ${farmAssignments.id})`;
  const rows = await tx
    .select({ assignment: farmAssignments, to: next })
    .from(farmAssignments)
    .where(sql`${farmAssignments.animalId} = any(${sql.param([...animalIds])}::uuid[])`)
    .orderBy(desc(farmAssignments.from), desc(farmAssignments.createdAt), desc(farmAssignments.id));
  return rows.map(({ assignment, to }) => ({ ...assignment, to: to == null ? null : String(to) }));
}

/**
 * Mean and count per UTC month of these groups' measurements of one trait in [from, to): one
 * statement over the (group_id, trait, measured_at) index, reading only the partitions of those years.
 */
export async function findMonthlyMeans(tx: Tx, groupIds: readonly string[], trait: string, from: Date, to: Date): Promise<MonthlyMeanRow[]> {
  const month = sql<string>`to_char(date_trunc('month', ${measurements.measuredAt}, 'UTC'), 'YYYY-MM')`;
  const rows = await tx
    .select({ groupId: measurements.groupId, month, mean: sql<number>`avg(${measurements.value})`, count: sql<number>`count(*)::int` })
    .from(measurements)
    .where(
      and(
        sql`${measurements.groupId} = any(${sql.param([...groupIds])}::uuid[])`,
        eq(measurements.trait, trait),
        sql`${measurements.measuredAt} >= ${from.toISOString()}::timestamptz`,
        sql`${measurements.measuredAt} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(measurements.groupId, month)
    .orderBy(month);
  return rows.map((row) => ({ groupId: row.groupId!, month: row.month, mean: Number(row.mean), count: Number(row.count) }));
}
