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
  organizationId: string;
  animalIds: string[];
  speciesId: string | null;
}

/**
 * What a project's data is: the grants in force to it, by every organisation (the owner's own
 * animals too only when it granted them). Read in the caller's transaction under RLS, so it is
 * empty unless the caller is a member of the project (or the grants are their organisation's).
 */
export async function grantsOfProject(tx: Tx, projectId: string): Promise<ProjectGrantScope[]> {
  const rows = await tx
    .select({ organizationId: projectGrants.tenantId, animalIds: projectGrants.animalIds, speciesId: projectGrants.speciesId })
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
  const terms = grants.map(
    (grant) =>
      sql`(${measurements.tenantId} = ${grant.organizationId}::uuid and (${measurements.animalId} = any(${sql.param(grant.animalIds)}::uuid[]) or ${measurements.speciesId} = ${grant.speciesId}))`,
  );
  return sql`(${sql.join(terms, sql` or `)})`;
}
