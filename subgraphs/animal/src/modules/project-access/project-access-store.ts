import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { projectGrantReads, projectGrants, projectMembers } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';

export type GrantReadRow = typeof projectGrantReads.$inferSelect;

/**
 * Records that a user is (present) or is no longer a member of a project, as of the project event
 * `version`: an older or repeated event changes nothing, so deliveries may come late and twice.
 */
export async function applyMembership(tx: Tx, change: { projectId: string; userId: string; present: boolean; version: number }): Promise<void> {
  await tx
    .insert(projectMembers)
    .values(change)
    .onConflictDoUpdate({
      target: [projectMembers.projectId, projectMembers.userId],
      set: { present: change.present, version: change.version, updatedAt: sql`date_trunc('milliseconds', now())` },
      setWhere: sql`${projectMembers.version} < ${change.version}`,
    });
}

/** Copies a grant; a grant already known (or already revoked) stays as it is. */
export async function applyGrant(
  tx: Tx,
  grant: { id: string; projectId: string; animalIds: string[]; speciesId: string | null; farmId?: string | null; groupId?: string | null },
): Promise<void> {
  await tx
    .insert(projectGrants)
    .values({ ...grant, farmId: grant.farmId ?? null, groupId: grant.groupId ?? null })
    .onConflictDoNothing();
}

/**
 * Adds animals to and removes them from a farm or group grant's set, as of the grant event `version`:
 * each animal's row keeps the version that last wrote it, so an older or repeated event changes nothing
 * (an animal assigned away and back is in the set exactly when its latest event says so).
 */
export async function applyGrantAnimals(tx: Tx, change: { id: string; added: string[]; removed: string[] }, version: number): Promise<void> {
  const animalIds = [...change.added, ...change.removed];
  if (animalIds.length === 0) return;
  const present = [...change.added.map(() => true), ...change.removed.map(() => false)];
  await tx.execute(sql`
    insert into project_grant_animals (grant_id, animal_id, present, version) /* apply grant animals */
    select ${change.id}::uuid, animal_id, present, ${version}::int
    from unnest(${sql.param(animalIds)}::uuid[], ${sql.param(present)}::boolean[]) as change(animal_id, present)
    on conflict (grant_id, animal_id) do update set present = excluded.present, version = excluded.version
    where project_grant_animals.version < excluded.version`);
}

/** Revokes a grant for good; when its creation has not arrived yet, a revoked row waits for it (and wins). */
export async function applyRevocation(tx: Tx, grant: { id: string; projectId: string }): Promise<void> {
  await tx
    .insert(projectGrants)
    .values({ ...grant, animalIds: [], revokedAt: sql`date_trunc('milliseconds', now())` })
    .onConflictDoUpdate({ target: projectGrants.id, set: { revokedAt: sql`coalesce(${projectGrants.revokedAt}, date_trunc('milliseconds', now()))` } });
}

/** Logs reads of these animals by the calling user through their project grants (studbook_api_record_grant_reads). */
export async function recordGrantReads(tx: Tx, animalIds: readonly string[]): Promise<void> {
  await tx.execute(sql`select studbook_api_record_grant_reads(${sql.param([...animalIds])}::uuid[])`);
}

/** The reads through one of the caller's organisation's grants, newest first, one more than asked (RLS: the granting organisation's). */
export function findGrantReads(tx: Tx, grantId: string, after: { readAt: Date; id: string } | null, limit: number): Promise<GrantReadRow[]> {
  const conditions: SQL[] = [eq(projectGrantReads.grantId, grantId)];
  if (after) {
    conditions.push(or(lt(projectGrantReads.readAt, after.readAt), and(eq(projectGrantReads.readAt, after.readAt), lt(projectGrantReads.id, after.id)))!);
  }
  return tx
    .select()
    .from(projectGrantReads)
    .where(and(...conditions))
    .orderBy(desc(projectGrantReads.readAt), desc(projectGrantReads.id))
    .limit(limit + 1);
}
