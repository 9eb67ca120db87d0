import { sql } from 'drizzle-orm';
import { customType, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from '../shared/platform-tables.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const projectStatus = pgEnum('project_status', ['PLANNED', 'ACTIVE', 'COMPLETED', 'ARCHIVED']);
export const projectRole = pgEnum('project_role', ['LEAD', 'ANALYST', 'VIEWER']);

/**
 * A research project, owned by one organisation (tenant_id). Members of other organisations read it
 * through the project_member_read policy (functions/studbook_api_project_role.sql); every write to
 * a project's own records runs under its owning organisation, so the audit log is the owner's.
 */
export const researchProjects = pgTable(
  'research_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Markdown as the user wrote it; nothing renders it server-side. */
    protocol: text('protocol').notNull().default(''),
    status: projectStatus('status').notNull().default('PLANNED'),
    /** Title weight A, summary B, protocol C; unaccented, 'simple' dictionary (written with the row, see project-store.ts). */
    document: tsvector('document').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('research_projects_document').using('gin', t.document), index('research_projects_tenant').on(t.tenantId, t.createdAt)],
);

/** A user of any organisation taking part in a project, with their role in it. */
export const projectMembers = pgTable(
  'project_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The project's owning organisation (not the member's). */
    tenantId: tenantId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    /** The organisation the member belonged to when they joined. */
    organizationId: uuid('organization_id').notNull(),
    /** The address they were invited at; null for the project's creator. */
    email: text('email'),
    role: projectRole('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_members_project_user').on(t.projectId, t.userId), index('project_members_user').on(t.userId)],
);

/**
 * An invitation to a project by email. Only a SHA-256 hash of its token is stored; whoever signs in
 * and presents the token joins (studbook_api_project_invitation finds it across organisations).
 */
export const projectInvitations = pgTable(
  'project_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: projectRole('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    acceptedBy: uuid('accepted_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_invitations_token').on(t.tokenHash), index('project_invitations_project').on(t.projectId)],
);

/** A dated finding of a project. */
export const projectFindings = pgTable(
  'project_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('project_findings_project').on(t.projectId, t.foundOn)],
);

/** A publication of a project, by DOI. */
export const projectPublications = pgTable(
  'project_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id, { onDelete: 'cascade' }),
    /** Lowercased: DOIs are case-insensitive. */
    doi: text('doi').notNull(),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_publications_project_doi').on(t.projectId, t.doi)],
);

/**
 * Read access an organisation (tenant_id: the granting one, not necessarily the project's owner)
 * gives a project's members to some of its animals: those listed, and every animal of
 * `species_id` when set (evaluated at read time, so animals recorded later are covered).
 * Revoked grants keep their row (revoked_at) for the access log.
 */
export const projectGrants = pgTable(
  'project_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id, { onDelete: 'cascade' }),
    animalIds: uuid('animal_ids').array().notNull().default(sql`'{}'::uuid[]`),
    speciesId: text('species_id'),
    /**
     * A filter grant: the animals currently assigned to this farm (and, with group_id, this group) of the
     * granting organisation, and of species_id when set too. Their set is kept in project_grant_animals.
     * A group grant names its group's farm as well. No foreign key: a deleted farm leaves a grant that covers nothing.
     */
    farmId: uuid('farm_id'),
    groupId: uuid('group_id'),
    grantedBy: uuid('granted_by').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('project_grants_project').on(t.projectId), index('project_grants_farm').on(t.farmId).where(sql`farm_id is not null and revoked_at is null`)],
);

/**
 * The animals a farm or group grant covers now: written with the grant and with every assignment that
 * changes it (project/grant-coverage.ts), in the same transaction as a projectGrant.animalsChanged event
 * that brings the change to the animal database. One row per animal, so the policies' question "is this
 * animal in that grant" is one index lookup (studbook_api_access_by_grant_covers) for a set of any size.
 */
export const projectGrantAnimals = pgTable(
  'project_grant_animals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => projectGrants.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    animalId: uuid('animal_id').notNull(),
  },
  (t) => [uniqueIndex('project_grant_animals_grant_animal').on(t.grantId, t.animalId), index('project_grant_animals_animal').on(t.animalId)],
);
