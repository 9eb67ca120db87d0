import { sql } from 'drizzle-orm';
import { check, doublePrecision, foreignKey, index, pgTable, uuid } from 'drizzle-orm/pg-core';
import { tenantId } from '../shared/platform-tables.js';
import { animals } from './animal-tables.js';

/**
 * Numbers derived from each animal's whole lineage (across organisations), kept current by the
 * lineage engine in the transaction that changes lineage. The tenant is the animal's; a row is
 * readable wherever its animal is (see the lineage-metrics migration's policy), written only through
 * studbook_api_store_lineage_metrics because a change can reach other organisations' descendants.
 */
export const lineageMetrics = pgTable(
  'lineage_metrics',
  {
    /** The animal's id (audit rows are keyed by a row's id). */
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    /** Wright's coefficient of inbreeding F. */
    inbreeding: doublePrecision('inbreeding').notNull(),
    /** Pedigree completeness index (MacCluer et al. 1983) over 5 generations. */
    completeness5: doublePrecision('completeness5').notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.id], foreignColumns: [animals.id], name: 'lineage_metrics_animal_fk' }).onDelete('cascade'),
    index('lineage_metrics_tenant').on(t.tenantId),
    check('lineage_metrics_inbreeding_range', sql`${t.inbreeding} >= 0 and ${t.inbreeding} <= 1`),
    check('lineage_metrics_completeness_range', sql`${t.completeness5} >= 0 and ${t.completeness5} <= 1`),
  ],
);
