import { ErrorCode, userError, type TenantDb, type TenantScope } from '@studbook/platform';
import { membershipOf, type ProjectMembership } from '../project/project-reads.js';

/** Project roles that may start, cancel, export and import a project's evaluations; a VIEWER reads them. */
export const RUNNERS = new Set(['LEAD', 'ANALYST']);

/**
 * The project, when the caller may work on its evaluations (`action`: "run its evaluations", "export its data", …):
 * NOT_FOUND for a non-member (RLS hides the project), FORBIDDEN naming the role for anyone but a LEAD or ANALYST.
 */
export async function projectOfRunner(db: TenantDb, scope: TenantScope, projectId: string, action: string): Promise<ProjectMembership & { id: string }> {
  const membership = await db.run(scope, (tx) => membershipOf(tx, projectId));
  if (!membership) throw userError(ErrorCode.NotFound, 'Research project not found', { field: 'scope.projectId' });
  if (!RUNNERS.has(membership.role))
    throw userError(ErrorCode.Forbidden, `Only a LEAD or ANALYST of the project may ${action}; you are its ${membership.role}`, { field: 'scope.projectId' });
  return { ...membership, id: projectId };
}
