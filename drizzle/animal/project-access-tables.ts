import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from '../shared/platform-tables.js';

/**
 * This database's copy of the research subgraph's project memberships, kept by the project-access
 * consumer from project.memberAdded / project.memberRemoved (docs/research-projects.md). The tenant
 * is the project's owning organisation. `version` is the project event that last wrote the row, so a
 * late or repeated delivery never undoes a newer one; a removed member keeps a row with present false.
 */
export const projectMembers = pgTable(
  'project_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    projectId: uuid('project_id').notNull(),
    userId: uuid('user_id').notNull(),
    present: boolean('present').notNull(),
    version: integer('version').notNull(),
    updatedAt: createdAt(),
  },
  (t) => [uniqueIndex('project_members_project_user').on(t.projectId, t.userId), index('project_members_user').on(t.userId).where(sql`present`)],
);

/**
 * This database's copy of a data-sharing grant: the granting organisation (tenant) lets a project's
 * members read the animals listed and, when species_id is set, every animal of that species it
 * holds at read time (animals recorded later included). Revocation is final: revoked_at is never
 * cleared, so a late project.grantCreated delivery cannot bring a revoked grant back.
 */
export const projectGrants = pgTable(
  'project_grants',
  {
    /** The research subgraph's grant id. */
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    projectId: uuid('project_id').notNull(),
    animalIds: uuid('animal_ids').array().notNull(),
    speciesId: text('species_id'),
    /** Set for a farm or group grant: it covers the animals of project_grant_animals (and of species_id, when set), not every animal of the species. */
    farmId: uuid('farm_id'),
    groupId: uuid('group_id'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('project_grants_project').on(t.projectId).where(sql`revoked_at is null`)],
);

/**
 * Every read of another organisation's animals through a grant: who, in which project and grant,
 * when, which animals. The granting organisation's (tenant) record, written only by
 * studbook_api_record_grant_reads; like the audit log it has no audit trigger of its own.
 */
export const projectGrantReads = pgTable(
  'project_grant_reads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    grantId: uuid('grant_id').notNull(),
    projectId: uuid('project_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** The organisation the reader was signed in as. */
    readerOrganizationId: uuid('reader_organization_id').notNull(),
    animalIds: uuid('animal_ids').array().notNull(),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }).notNull().default(sql`date_trunc('milliseconds', now())`),
  },
  (t) => [index('project_grant_reads_grant').on(t.grantId, t.readAt.desc(), t.id.desc())],
);

/**
 * The animals a farm or group grant covers, as the research subgraph resolves them from its farm
 * assignments (this database knows no farms), applied from projectGrant.animalsChanged. `version` is
 * the grant event that last wrote the row, so a late or repeated delivery never undoes a newer one; an
 * animal assigned away keeps its row with present false. The unique index makes the policy's check
 * (studbook_api_access_by_grant_covers) one index lookup however many animals a farm holds.
 */
export const projectGrantAnimals = pgTable(
  'project_grant_animals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id').notNull(),
    tenantId: tenantId(),
    animalId: uuid('animal_id').notNull(),
    present: boolean('present').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [uniqueIndex('project_grant_animals_grant_animal').on(t.grantId, t.animalId)],
);
