-- Custom SQL migration file, put your code below! --
-- The events catalog (packages/contracts/src/events) names every event `<aggregate>.<pastTenseVerb>`
-- on a camelCase aggregate. Rows not yet relayed must go out under the names consumers now listen
-- for (the gateway subscribes to `breedingSession:<id>`), so they are renamed; published rows are
-- renamed too, because appendEvent counts an aggregate's next version on from its latest row,
-- published or not: a session whose rows all kept 'BreedingSession' would restart at version 1 as
-- 'breedingSession', and a live feed would take that for an event it has already handled.
-- The migration sets no tenant, so RLS is lifted for this transaction: under a forced policy the
-- owner would see no row. studbook_secure_tables forces it again at the end of every migrate.
ALTER TABLE outbox NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE outbox SET event_type = 'animal.genotypeSet' WHERE aggregate_type = 'animal' AND event_type = 'animal.genotype_set';--> statement-breakpoint
UPDATE outbox SET aggregate_type = 'breedingSession', event_type = 'breedingSession.started' WHERE aggregate_type = 'BreedingSession' AND event_type = 'BreedingSessionStarted';--> statement-breakpoint
UPDATE outbox SET aggregate_type = 'breedingSession', event_type = 'breedingSession.eventRecorded' WHERE aggregate_type = 'BreedingSession' AND event_type = 'BreedingEventRecorded';--> statement-breakpoint
UPDATE outbox SET aggregate_type = 'pedigreeImport', event_type = 'pedigreeImport.completed' WHERE aggregate_type = 'pedigree_import' AND event_type = 'pedigree.imported';--> statement-breakpoint
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
