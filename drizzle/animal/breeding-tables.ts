import { sql } from 'drizzle-orm';
import { check, doublePrecision, foreignKey, index, integer, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from '../shared/platform-tables.js';
import { animals, species } from './animal-tables.js';

export const breedingSessionStatus = pgEnum('breeding_session_status', ['ACTIVE', 'ENDED']);

export const breedingEventType = pgEnum('breeding_event_type', [
  'INTRODUCED',
  'LOCK_OBSERVED',
  'OVULATION',
  'PRE_LAY_SHED',
  'EGGS_LAID',
  'CANDLED',
  'HATCHED',
  'NOTE',
  'ENDED',
]);

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A pairing of a sire and a dam, owned by the organisation that started it. Recording an event
 * locks the session row, so `last_seq` hands out gap-free sequence numbers in commit order.
 * The parents cannot be deleted while a session names them (restrict, as for lineage).
 */
export const breedingSessions = pgTable(
  'breeding_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    sireId: uuid('sire_id').notNull(),
    damId: uuid('dam_id').notNull(),
    speciesId: text('species_id')
      .notNull()
      .references(() => species.id),
    status: breedingSessionStatus('status').notNull().default('ACTIVE'),
    notes: text('notes'),
    /** The pair's expected offspring inbreeding coefficient when the session started. */
    offspringInbreeding: doublePrecision('offspring_inbreeding'),
    lastSeq: integer('last_seq').notNull().default(0),
    lastEventAt: instant('last_event_at'),
    endedAt: instant('ended_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ columns: [t.sireId], foreignColumns: [animals.id], name: 'breeding_sessions_sire_fk' }).onDelete('restrict'),
    foreignKey({ columns: [t.damId], foreignColumns: [animals.id], name: 'breeding_sessions_dam_fk' }).onDelete('restrict'),
    // One active session per pair and organisation; a unique index makes concurrent starts race-free.
    uniqueIndex('breeding_sessions_one_active_pair').on(t.tenantId, t.sireId, t.damId).where(sql`status = 'ACTIVE'`),
    index('breeding_sessions_tenant_created').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('breeding_sessions_sire').on(t.sireId),
    index('breeding_sessions_dam').on(t.damId),
    check('breeding_sessions_distinct_pair', sql`${t.sireId} <> ${t.damId}`),
    check('breeding_sessions_ended_at', sql`(${t.status} = 'ENDED') = (${t.endedAt} is not null)`),
  ],
);

/** One recorded step of a session; `seq` orders them and is what a cursor carries. */
export const breedingEvents = pgTable(
  'breeding_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => breedingSessions.id, { onDelete: 'restrict' }),
    seq: integer('seq').notNull(),
    type: breedingEventType('type').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    notes: text('notes'),
    eggCount: integer('egg_count'),
    fertileCount: integer('fertile_count'),
    hatchedCount: integer('hatched_count'),
    registeredHatchlings: integer('registered_hatchlings'),
    createdAt: createdAt(),
  },
  (t) => [unique('breeding_events_session_seq').on(t.sessionId, t.seq), check('breeding_events_seq_positive', sql`${t.seq} > 0`)],
);

/** The eggs of a session, created by its EGGS_LAID event. */
export const clutches = pgTable(
  'clutches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    sessionId: uuid('session_id')
      .notNull()
      .unique('clutches_session')
      .references(() => breedingSessions.id, { onDelete: 'restrict' }),
    laidAt: instant('laid_at').notNull(),
    eggCount: integer('egg_count').notNull(),
    fertileCount: integer('fertile_count'),
    hatchedCount: integer('hatched_count'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('clutches_egg_count', sql`${t.eggCount} between 1 and 1000`),
    check('clutches_fertile_count', sql`${t.fertileCount} between 0 and ${t.eggCount}`),
    check('clutches_hatched_count', sql`${t.hatchedCount} between 0 and coalesce(${t.fertileCount}, ${t.eggCount})`),
  ],
);

/** Animals registered from a clutch at hatching; a deleted animal drops out of its clutch. */
export const clutchHatchlings = pgTable(
  'clutch_hatchlings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    clutchId: uuid('clutch_id')
      .notNull()
      .references(() => clutches.id, { onDelete: 'restrict' }),
    animalId: uuid('animal_id')
      .notNull()
      .unique('clutch_hatchlings_animal')
      .references(() => animals.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
  },
  (t) => [unique('clutch_hatchlings_clutch_ordinal').on(t.clutchId, t.ordinal)],
);
