import { sql } from 'drizzle-orm';
import { boolean, char, date, doublePrecision, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
  (t) => [index('farm_assignments_animal').on(t.animalId, t.from)],
);

export * from './project-tables.js';
