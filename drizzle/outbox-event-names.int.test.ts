import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { EVENT_CATALOG } from '@studbook/contracts/events';
import { adminUrlFor } from './migrate.js';

const migration = path.join(import.meta.dirname, 'animal', 'migrations', '0023_rename_outbox_events.sql');

describe('migration 0023: outbox rows under the events catalog names', () => {
  it('renames every row written under an old name, pending or published, so no event is lost and versions count on', async () => {
    const database = new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1);
    const client = new pg.Client({ connectionString: adminUrlFor(inject('postgresAdminUrl'), database) });
    await client.connect();
    const [tenant, session, pedigreeImport, animal] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const old: [aggregateType: string, aggregateId: string, version: number, eventType: string, published: boolean][] = [
      ['BreedingSession', session, 1, 'BreedingSessionStarted', true],
      ['BreedingSession', session, 2, 'BreedingEventRecorded', true],
      ['BreedingSession', session, 3, 'BreedingEventRecorded', false],
      ['pedigree_import', pedigreeImport, 1, 'pedigree.imported', false],
      ['animal', animal, 1, 'animal.created', true],
      ['animal', animal, 2, 'animal.genotype_set', false],
    ];
    // One transaction, rolled back: the running platform's relays never see these rows.
    await client.query('begin');
    try {
      for (const [aggregateType, aggregateId, version, eventType, published] of old) {
        await client.query(
          `insert into outbox (tenant_id, aggregate_type, aggregate_id, version, event_type, payload, published_at) values ($1, $2, $3, $4, $5, '{}', case when $6 then now() end)`,
          [tenant, aggregateType, aggregateId, version, eventType, published],
        );
      }
      for (const statement of (await readFile(migration, 'utf8')).split('--> statement-breakpoint')) await client.query(statement);
      const { rows } = await client.query(
        'select aggregate_type, aggregate_id, version, event_type, published_at is not null as published from outbox where tenant_id = $1 order by aggregate_id, version',
        [tenant],
      );
      expect(rows.map((row) => [row.aggregate_type, row.aggregate_id, row.version, row.event_type, row.published]).sort()).toEqual(
        [
          ['breedingSession', session, 1, 'breedingSession.started', true],
          ['breedingSession', session, 2, 'breedingSession.eventRecorded', true],
          ['breedingSession', session, 3, 'breedingSession.eventRecorded', false],
          ['pedigreeImport', pedigreeImport, 1, 'pedigreeImport.completed', false],
          ['animal', animal, 1, 'animal.created', true],
          ['animal', animal, 2, 'animal.genotypeSet', false],
        ].sort(),
      );
      for (const row of rows) expect(EVENT_CATALOG[row.event_type as keyof typeof EVENT_CATALOG]?.aggregate).toBe(row.aggregate_type);
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });
});
