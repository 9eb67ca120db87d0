import { sql } from 'drizzle-orm';
import { date, foreignKey, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt, visibility } from '../shared/platform-tables.js';

export const sex = pgEnum('sex', ['MALE', 'FEMALE', 'UNKNOWN']);

/** Reference data shared by every tenant; seeded by migrations, read-only to the service. */
export const species = pgTable('species', {
  id: text('id').primaryKey(),
  commonName: text('common_name').notNull().unique(),
  scientificName: text('scientific_name').notNull().unique(),
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ columns: [t.sireId], foreignColumns: [t.id], name: 'animals_sire_fk' }).onDelete('restrict'),
    foreignKey({ columns: [t.damId], foreignColumns: [t.id], name: 'animals_dam_fk' }).onDelete('restrict'),
    index('animals_tenant_created').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('animals_public_created').on(t.createdAt.desc(), t.id.desc()).where(sql`visibility = 'PUBLIC'`),
    index('animals_sire').on(t.sireId),
    index('animals_dam').on(t.damId),
    uniqueIndex('animals_tenant_external_id').on(t.tenantId, t.externalId),
  ],
);
