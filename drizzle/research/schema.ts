import { doublePrecision, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditLog, createdAt, idempotencyKeys, outbox, tenantId } from '../shared/platform-tables.js';

export { auditLog, idempotencyKeys, outbox };

/** A trait measured on an animal; private to the organisation that recorded it. */
export const measurements = pgTable(
  'measurements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    animalId: uuid('animal_id').notNull(),
    trait: text('trait').notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    measuredAt: timestamp('measured_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('measurements_animal').on(t.animalId, t.measuredAt)],
);
