import type { TenantDb, TenantScope, Tx } from '@studbook/platform';
import { recordGrantReads } from './project-access-store.js';

/**
 * What other modules call after reading animals: logs, in the granting organisations' access logs,
 * the rows that only a project grant let the caller see (another organisation's, not public). The
 * database decides which grant covered each; the caller's own and public animals log nothing.
 */
export async function logGrantedReads(db: TenantDb, scope: TenantScope, rows: readonly { id: string; tenantId: string; visibility: string }[]): Promise<void> {
  const granted = rows.filter((row) => row.tenantId !== scope.tenantId && row.visibility !== 'PUBLIC').map((row) => row.id);
  // A transaction of its own after the read-only one: the caller shows the rows only once this has committed.
  if (granted.length > 0) await db.run(scope, (tx) => recordGrantReads(tx, granted));
}

/**
 * The same for reads that know only which animals they showed (an evaluation's pedigree export): the database keeps
 * those another organisation's grant let the caller see and logs them; the caller's own and public ones log nothing.
 */
export async function logGrantedReadsOfIds(tx: Tx, shownIds: readonly string[]): Promise<void> {
  if (shownIds.length > 0) await recordGrantReads(tx, shownIds);
}
