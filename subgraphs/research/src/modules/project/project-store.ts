import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import {
  projectFindings,
  projectGrantAnimals,
  projectGrants,
  projectInvitations,
  projectMembers,
  projectPublications,
  researchProjects,
} from '@studbook/drizzle/research';
import type { CreatedAtPosition, Tx } from '@studbook/platform';

export type ProjectRow = Omit<typeof researchProjects.$inferSelect, 'document'>;
export type MemberRow = typeof projectMembers.$inferSelect;
export type FindingRow = typeof projectFindings.$inferSelect;
export type PublicationRow = typeof projectPublications.$inferSelect;
export type GrantRow = typeof projectGrants.$inferSelect;
export type ProjectRole = MemberRow['role'];
export type ProjectStatus = ProjectRow['status'];
/** What addProjectMember returns: the invitation and, this once, its token. */
export type CreatedInvitation = Pick<typeof projectInvitations.$inferSelect, 'id' | 'email' | 'role' | 'expiresAt'> & { token: string };
/** An organisation by id, resolved by the user subgraph. */
export interface OrganizationRef {
  id: string;
}

export interface ProjectFields {
  title: string;
  summary: string;
  protocol: string;
  status: ProjectStatus;
}

const projectColumns = {
  id: researchProjects.id,
  tenantId: researchProjects.tenantId,
  title: researchProjects.title,
  summary: researchProjects.summary,
  protocol: researchProjects.protocol,
  status: researchProjects.status,
  createdAt: researchProjects.createdAt,
  updatedAt: researchProjects.updatedAt,
};

const unaccent = (value: SQL | string) => sql`extensions.unaccent('extensions.unaccent'::regdictionary, ${value}::text)`;

/** Title weight A, summary B, protocol C, unaccented: what researchProjects matches words against. */
function documentOf(fields: ProjectFields): SQL {
  return sql`setweight(to_tsvector('simple', ${unaccent(fields.title)}), 'A') || setweight(to_tsvector('simple', ${unaccent(fields.summary)}), 'B')
    || setweight(to_tsvector('simple', ${unaccent(fields.protocol)}), 'C')`;
}

export async function insertProject(tx: Tx, fields: ProjectFields): Promise<ProjectRow> {
  const [row] = await tx
    .insert(researchProjects)
    .values({ ...fields, document: documentOf(fields) })
    .returning(projectColumns);
  return row;
}

export async function updateProject(tx: Tx, id: string, fields: ProjectFields): Promise<ProjectRow | null> {
  const [row] = await tx
    .update(researchProjects)
    .set({ ...fields, document: documentOf(fields), updatedAt: sql`date_trunc('milliseconds', now())` })
    .where(eq(researchProjects.id, id))
    .returning(projectColumns);
  return row ?? null;
}

/** Projects the caller can see (RLS: their organisation's and those they are a member of). */
export function findProjectsByIds(tx: Tx, ids: readonly string[]): Promise<ProjectRow[]> {
  return tx
    .select(projectColumns)
    .from(researchProjects)
    .where(inArray(researchProjects.id, [...ids]));
}

/** Locks a visible project's row for a write of its members, so two removals cannot leave it without a LEAD. */
export async function lockProject(tx: Tx, id: string): Promise<ProjectRow | null> {
  const [row] = await tx.select(projectColumns).from(researchProjects).where(eq(researchProjects.id, id)).for('update');
  return row ?? null;
}

/**
 * A newest-first page of the projects the caller can see; with words, those whose document holds
 * every word as a prefix of one of its (unaccented) words. One more row than asked, for hasNextPage.
 */
export function findProjectPage(tx: Tx, params: { words: string[]; after: CreatedAtPosition | null; limit: number }): Promise<ProjectRow[]> {
  const conditions: SQL[] = [];
  if (params.words.length > 0) {
    const query = sql`to_tsquery('simple', array_to_string(array(select quote_literal(${unaccent(sql`w`)}) || ':*' from unnest(${sql.param(params.words)}::text[]) w), ' & '))`;
    conditions.push(sql`${researchProjects.document} @@ ${query}`);
  }
  if (params.after) {
    conditions.push(sql`(${researchProjects.createdAt}, ${researchProjects.id}) < (${params.after.createdAt.toISOString()}::timestamptz, ${params.after.id}::uuid)`);
  }
  return tx
    .select(projectColumns)
    .from(researchProjects)
    .where(and(...conditions))
    .orderBy(desc(researchProjects.createdAt), desc(researchProjects.id))
    .limit(params.limit + 1);
}

export function findMembers(tx: Tx, projectIds: readonly string[]): Promise<MemberRow[]> {
  return tx
    .select()
    .from(projectMembers)
    .where(inArray(projectMembers.projectId, [...projectIds]))
    .orderBy(asc(projectMembers.createdAt), asc(projectMembers.id));
}

export async function findMember(tx: Tx, projectId: string, userId: string): Promise<MemberRow | null> {
  const [row] = await tx
    .select()
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  return row ?? null;
}

/** The caller's role in a project, from the same function the policies ask. */
export async function callerRole(tx: Tx, projectId: string): Promise<ProjectRole | null> {
  const { rows } = await tx.execute<{ role: ProjectRole | null }>(sql`select studbook_api_project_role(${projectId}::uuid) as role`);
  return rows[0]?.role ?? null;
}

export async function insertMember(tx: Tx, member: Pick<MemberRow, 'projectId' | 'userId' | 'organizationId' | 'email' | 'role'>): Promise<MemberRow | null> {
  const [row] = await tx.insert(projectMembers).values(member).onConflictDoNothing().returning();
  return row ?? null;
}

export async function setMemberRole(tx: Tx, projectId: string, userId: string, role: ProjectRole): Promise<MemberRow | null> {
  const [row] = await tx
    .update(projectMembers)
    .set({ role })
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .returning();
  return row ?? null;
}

export async function deleteMember(tx: Tx, projectId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .returning({ id: projectMembers.id });
  return rows.length > 0;
}

export async function countLeads(tx: Tx, projectId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, 'LEAD')));
  return row.count;
}

export async function insertInvitation(
  tx: Tx,
  invitation: Pick<typeof projectInvitations.$inferInsert, 'projectId' | 'email' | 'role' | 'tokenHash' | 'invitedBy'>,
): Promise<typeof projectInvitations.$inferSelect> {
  const [row] = await tx
    .insert(projectInvitations)
    .values({ ...invitation, expiresAt: sql`date_trunc('milliseconds', now()) + interval '14 days'` })
    .returning();
  return row;
}

/** A pending invitation by its token's hash, whichever organisation issued it (studbook_api_project_invitation). */
export async function findPendingInvitation(
  tx: Tx,
  tokenHash: string,
): Promise<{ id: string; tenantId: string; projectId: string; email: string; role: ProjectRole } | null> {
  const { rows } = await tx.execute<{ id: string; tenant_id: string; project_id: string; email: string; role: ProjectRole }>(
    sql`select * from studbook_api_project_invitation(${tokenHash})`,
  );
  const row = rows[0];
  return row ? { id: row.id, tenantId: row.tenant_id, projectId: row.project_id, email: row.email, role: row.role } : null;
}

/** Spends an invitation (under its organisation); false when another acceptance spent it first. */
export async function spendInvitation(tx: Tx, id: string, userId: string): Promise<boolean> {
  const rows = await tx
    .update(projectInvitations)
    .set({ acceptedBy: userId })
    .where(and(eq(projectInvitations.id, id), isNull(projectInvitations.acceptedBy)))
    .returning({ id: projectInvitations.id });
  return rows.length > 0;
}

export async function insertFinding(tx: Tx, finding: Pick<FindingRow, 'projectId' | 'text' | 'foundOn' | 'createdBy'>): Promise<FindingRow> {
  const [row] = await tx.insert(projectFindings).values(finding).returning();
  return row;
}

export function findFindings(tx: Tx, projectIds: readonly string[]): Promise<FindingRow[]> {
  return tx
    .select()
    .from(projectFindings)
    .where(inArray(projectFindings.projectId, [...projectIds]))
    .orderBy(desc(projectFindings.foundOn), desc(projectFindings.createdAt));
}

/** Null when the project already lists this DOI. */
export async function insertPublication(tx: Tx, publication: Pick<PublicationRow, 'projectId' | 'doi' | 'title' | 'year'>): Promise<PublicationRow | null> {
  const [row] = await tx.insert(projectPublications).values(publication).onConflictDoNothing().returning();
  return row ?? null;
}

export function findPublications(tx: Tx, projectIds: readonly string[]): Promise<PublicationRow[]> {
  return tx
    .select()
    .from(projectPublications)
    .where(inArray(projectPublications.projectId, [...projectIds]))
    .orderBy(desc(projectPublications.year), desc(projectPublications.createdAt));
}

export async function insertGrant(tx: Tx, grant: Pick<GrantRow, 'projectId' | 'animalIds' | 'speciesId' | 'farmId' | 'groupId' | 'grantedBy'>): Promise<GrantRow> {
  const [row] = await tx.insert(projectGrants).values(grant).returning();
  return row;
}

/** Grants in force to these projects, by any organisation (members read them; RLS decides). */
export function findActiveGrants(tx: Tx, projectIds: readonly string[]): Promise<GrantRow[]> {
  return tx
    .select()
    .from(projectGrants)
    .where(and(inArray(projectGrants.projectId, [...projectIds]), isNull(projectGrants.revokedAt)))
    .orderBy(desc(projectGrants.createdAt), desc(projectGrants.id));
}

/** The caller's organisation's grants, newest first, one more than asked. */
export function findGrantsGiven(tx: Tx, tenantId: string, after: CreatedAtPosition | null, limit: number): Promise<GrantRow[]> {
  const conditions: SQL[] = [eq(projectGrants.tenantId, tenantId)];
  if (after) conditions.push(sql`(${projectGrants.createdAt}, ${projectGrants.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`);
  return tx
    .select()
    .from(projectGrants)
    .where(and(...conditions))
    .orderBy(desc(projectGrants.createdAt), desc(projectGrants.id))
    .limit(limit + 1);
}

/** Revokes one of the caller's organisation's grants; null when it is not theirs, or already revoked. */
export async function revokeGrant(tx: Tx, id: string, tenantId: string): Promise<GrantRow | null> {
  const [row] = await tx
    .update(projectGrants)
    .set({ revokedAt: sql`date_trunc('milliseconds', now())` })
    .where(and(eq(projectGrants.id, id), eq(projectGrants.tenantId, tenantId), isNull(projectGrants.revokedAt)))
    .returning();
  return row ?? null;
}

export async function grantExists(tx: Tx, id: string, tenantId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: projectGrants.id })
    .from(projectGrants)
    .where(and(eq(projectGrants.id, id), eq(projectGrants.tenantId, tenantId)));
  return rows.length > 0;
}

/** How many animals each of these farm or group grants covers now (RLS: only the granting organisation's sets). */
export async function countGrantAnimals(tx: Tx, grantIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx
    .select({ grantId: projectGrantAnimals.grantId, count: sql<number>`count(*)::int` })
    .from(projectGrantAnimals)
    .where(inArray(projectGrantAnimals.grantId, [...grantIds]))
    .groupBy(projectGrantAnimals.grantId);
  return new Map(rows.map((row) => [row.grantId, row.count]));
}
