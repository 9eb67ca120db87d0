import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { auditLog, createdAt, idempotencyKeys, outbox, tenantId, updatedAt } from '../shared/platform-tables.js';

export { auditLog, idempotencyKeys, outbox };

/**
 * A trait measured on an animal; private to the organisation that recorded it.
 * Partitioned by year of measured_at (migration 0004_traits-farms-partitions and
 * functions/studbook_ensure_measurement_partitions.sql), hence the primary key with measured_at:
 * PostgreSQL requires a partitioned table's unique keys to include the partition key.
 */
export const measurements = pgTable(
  'measurements',
  {
    id: uuid('id').notNull().defaultRandom(),
    tenantId: tenantId(),
    animalId: uuid('animal_id').notNull(),
    /** A trait id of the research subgraph's catalog, or the free text of a measurement recorded before the catalog (legacy). */
    trait: text('trait').notNull(),
    /** In the trait's canonical unit. */
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    /** As the user entered it, before conversion. */
    enteredValue: doublePrecision('entered_value').notNull(),
    enteredUnit: text('entered_unit').notNull(),
    /** True for measurements whose free-text trait or unit the catalog did not know when it was introduced: kept as entered. */
    legacy: boolean('legacy').notNull().default(false),
    groupId: uuid('group_id'),
    /** The animal's species when it was measured (null before project grants existed): what a grant by species matches here. */
    speciesId: text('species_id'),
    measuredAt: timestamp('measured_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.measuredAt] }),
    index('measurements_animal_trait').on(t.animalId, t.trait, t.measuredAt),
    index('measurements_group_trait').on(t.groupId, t.trait, t.measuredAt).where(sql`group_id is not null`),
  ],
);

/** An organisation's holding. The GiST index answers farmsNear (the cube and earthdistance extensions). */
export const farms = pgTable(
  'farms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    region: text('region'),
    /** ISO 3166-1 alpha-2. */
    country: char('country', { length: 2 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('farms_location').using('gist', sql`studbook_api_earth_point(${t.latitude}, ${t.longitude})`)],
);

/** A management group of a farm (a mob, a paddock, a rack of tubs). */
export const farmGroups = pgTable(
  'farm_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    farmId: uuid('farm_id')
      .notNull()
      .references(() => farms.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    purpose: text('purpose'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('farm_groups_farm').on(t.farmId)],
);

/** Where an animal was kept from a day on; the next assignment of the same animal ends it (the history is kept). */
export const farmAssignments = pgTable(
  'farm_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    animalId: uuid('animal_id').notNull(),
    // A farm or group with assignments cannot be deleted (the service answers CONFLICT): history is kept.
    farmId: uuid('farm_id')
      .notNull()
      .references(() => farms.id),
    groupId: uuid('group_id').references(() => farmGroups.id),
    from: date('from', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  // By farm too: a farm grant resolves the animals ever assigned to its farm (project/grant-coverage.ts).
  (t) => [index('farm_assignments_animal').on(t.animalId, t.from), index('farm_assignments_farm').on(t.farmId)],
);

export * from './project-tables.js';

/**
 * A genetic evaluation of one trait: its settings, its progress while a worker thread solves it, and its outcome.
 * Progress lives here, not in the process, so any instance answers a poll; `heartbeat_at` is renewed while a run is
 * active, so a run whose process died is recognised and failed (functions/studbook_api_fail_abandoned_evaluations.sql).
 */
export const evaluationRuns = pgTable(
  'evaluation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    /** ORGANIZATION, or PROJECT:<id>: one active run per scope, species and trait. */
    scope: text('scope').notNull(),
    /**
     * The research project of a PROJECT run, whose owning organisation is the tenant: only the project's members read it
     * (a restrictive policy, so not even the owner's other members do), its LEADs and ANALYSTs of any organisation write it.
     */
    projectId: uuid('project_id'),
    species: text('species').notNull(),
    trait: text('trait').notNull(),
    /** BLUP (computed here) or EXTERNAL (imported). */
    source: text('source').notNull(),
    status: text('status').notNull(),
    fixedEffects: text('fixed_effects').array().notNull(),
    heritability: doublePrecision('heritability'),
    additiveVariance: doublePrecision('additive_variance'),
    residualVariance: doublePrecision('residual_variance'),
    progress: real('progress').notNull().default(0),
    iterations: integer('iterations').notNull().default(0),
    converged: boolean('converged'),
    animals: integer('animals'),
    records: integer('records'),
    accuracyMethod: text('accuracy_method'),
    /** [{ effect, level, solution, records }]. */
    fixedEffectSolutions:
      jsonb('fixed_effect_solutions').$type<
        { effect: 'SEX' | 'CONTEMPORARY_GROUP' | 'BIRTH_YEAR' | 'FARM'; level: string; solution: number | null; records: number }[]
      >(),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('evaluation_runs_trait').on(t.tenantId, t.species, t.trait, t.finishedAt),
    index('evaluation_runs_project').on(t.projectId, t.species, t.trait, t.finishedAt).where(sql`project_id is not null`),
    // The CONFLICT of a second run: the database, not a check-then-insert, keeps it to one.
    uniqueIndex('evaluation_runs_one_active').on(t.tenantId, t.scope, t.species, t.trait).where(sql`status in ('QUEUED', 'RUNNING')`),
  ],
);

/** An animal's EBV in one run; only animals the caller could see (never a pseudonymous ancestor). */
export const breedingValues = pgTable(
  'breeding_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    runId: uuid('run_id')
      .notNull()
      .references(() => evaluationRuns.id, { onDelete: 'cascade' }),
    animalId: uuid('animal_id').notNull(),
    /** The run's project, repeated so the member policies need no join. */
    projectId: uuid('project_id'),
    trait: text('trait').notNull(),
    ebv: doublePrecision('ebv').notNull(),
    accuracy: doublePrecision('accuracy'),
    /** For the genetic trend; null when the birth date is unknown. */
    birthYear: smallint('birth_year'),
  },
  (t) => [index('breeding_values_run').on(t.runId, t.birthYear), index('breeding_values_animal').on(t.animalId, t.trait)],
);
