import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from '../shared/platform-tables.js';

export const sex = pgEnum('sex', ['MALE', 'FEMALE', 'UNKNOWN']);

/**
 * The animal database's own visibility, with LINEAGE between PRIVATE and PUBLIC: named where it
 * appears in another organisation's pedigree, hidden everywhere else (RLS reads it as PRIVATE).
 */
export const visibility = pgEnum('visibility', ['PRIVATE', 'LINEAGE', 'PUBLIC']);

/** SOLD is written only by an ownership transfer; DECEASED comes with deceased_at. */
export const animalStatus = pgEnum('animal_status', ['ACTIVE', 'HOLDBACK', 'SOLD', 'DECEASED']);

/** Reference data shared by every tenant; seeded by migrations, read-only to the service. */
export const species = pgTable('species', {
  id: text('id').primaryKey(),
  commonName: text('common_name').notNull().unique(),
  scientificName: text('scientific_name').notNull().unique(),
  /** Age in days at which an animal stops being a hatchling, a juvenile, a subadult (docs/animal-records.md). */
  juvenileFromDays: integer('juvenile_from_days').notNull().default(90),
  subadultFromDays: integer('subadult_from_days').notNull().default(365),
  adultFromDays: integer('adult_from_days').notNull().default(730),
});

export const animals = pgTable(
  'animals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    speciesId: text('species_id')
      .notNull()
      .references(() => species.id),
    sex: sex('sex').notNull(),
    hatchDate: date('hatch_date'),
    visibility: visibility('visibility').notNull().default('PRIVATE'),
    sireId: uuid('sire_id'),
    damId: uuid('dam_id'),
    /** The breeder's own id (herdbook number, tag); unique within the organisation. */
    externalId: text('external_id'),
    status: animalStatus('status').notNull().default('ACTIVE'),
    deceasedAt: date('deceased_at'),
    description: text('description'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ columns: [t.sireId], foreignColumns: [t.id], name: 'animals_sire_fk' }).onDelete('restrict'),
    foreignKey({ columns: [t.damId], foreignColumns: [t.id], name: 'animals_dam_fk' }).onDelete('restrict'),
    index('animals_tenant_created').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('animals_public_created').on(t.createdAt.desc(), t.id.desc()).where(sql`visibility = 'PUBLIC'`),
    // The collection sorted by name or hatch date (animals(sort: NAME | HATCH_DATE)), keyset-paged per organisation.
    index('animals_tenant_name').on(t.tenantId, t.name, t.id),
    index('animals_tenant_hatch').on(t.tenantId, t.hatchDate.asc().nullsLast(), t.id),
    index('animals_sire').on(t.sireId),
    index('animals_dam').on(t.damId),
    uniqueIndex('animals_tenant_external_id').on(t.tenantId, t.externalId),
    check('animals_deceased_at', sql`(status = 'DECEASED') = (deceased_at IS NOT NULL)`),
    check('animals_deceased_after_hatch', sql`deceased_at IS NULL OR hatch_date IS NULL OR deceased_at >= hatch_date`),
    check('animals_description_length', sql`char_length(description) <= 4000`),
  ],
);
