import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { measurements, projectGrants, researchProjects } from '@studbook/drizzle/research';
import type { Tx } from '@studbook/platform';
import { callerRole, type ProjectRole } from './project-store.js';

/** The caller's part in a project, as other modules (an evaluation scoped to it) check it. */
export interface ProjectMembership {
  /** The organisation that owns the project: the tenant of what is computed for it. */
  ownerId: string;
  role: ProjectRole;
}

/** The caller's membership of a project; null when they are no member (or it does not exist). */
export async function membershipOf(tx: Tx, projectId: string): Promise<ProjectMembership | null> {
  const role = await callerRole(tx, projectId);
  if (!role) return null;
  // A member sees the project whatever their organisation (project_member_read).
  const [project] = await tx.select({ ownerId: researchProjects.tenantId }).from(researchProjects).where(eq(researchProjects.id, projectId));
  return project ? { ownerId: project.ownerId, role } : null;
}

/** A grant in force to a project, as other modules (an evaluation scoped to a project) read it. */
export interface ProjectGrantScope {
  id: string;
  organizationId: string;
  animalIds: string[];
  speciesId: string | null;
  /** Set for a farm or group grant: it shares the animals of its set, of speciesId when set. */
  farmId: string | null;
}

/**
 * What a project's data is: the grants in force to it, by every organisation (the owner's own
 * animals too only when it granted them). Read in the caller's transaction under RLS, so it is
 * empty unless the caller is a member of the project (or the grants are their organisation's).
 */
export async function grantsOfProject(tx: Tx, projectId: string): Promise<ProjectGrantScope[]> {
  const rows = await tx
    .select({
      id: projectGrants.id,
      organizationId: projectGrants.tenantId,
      animalIds: projectGrants.animalIds,
      speciesId: projectGrants.speciesId,
      farmId: projectGrants.farmId,
    })
    .from(projectGrants)
    .where(and(eq(projectGrants.projectId, projectId), isNull(projectGrants.revokedAt)));
  return rows;
}

/**
 * A condition on `measurements` that keeps those a project's grants share: for an evaluation of the
 * project, run as a member (TenantDb.run with their user id), whose RLS already admits exactly these
 * rows of other organisations; the condition leaves out the member's own unshared data. Null: no grants.
 */
export function measurementsOfGrants(grants: readonly ProjectGrantScope[]): SQL | null {
  if (grants.length === 0) return null;
  const terms = grants.map((grant) => {
    const listed = sql`${measurements.animalId} = any(${sql.param(grant.animalIds)}::uuid[])`;
    // The same test as the project_grant_read policy: a farm grant's set is asked of studbook_api_access_by_grant_covers.
    const filtered = grant.farmId
      ? sql`(${grant.speciesId}::text is null or ${measurements.speciesId} = ${grant.speciesId}) and studbook_api_access_by_grant_covers(${grant.id}::uuid, ${measurements.animalId})`
      : sql`${measurements.speciesId} = ${grant.speciesId}`;
    return sql`(${measurements.tenantId} = ${grant.organizationId}::uuid and (${listed} or (${filtered})))`;
  });
  return sql`(${sql.join(terms, sql` or `)})`;
}
