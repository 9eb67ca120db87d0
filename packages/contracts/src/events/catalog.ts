import { z } from 'zod';
import type { EventContract } from '@studbook/platform';
import { defineEvent, type DomainEventContract } from './define-event.js';

// Payloads carry identifiers and the few facts a consumer routes on, never private detail beyond
// what the writing organisation already holds: a consumer that needs more reads it as its caller.

const id = z.guid();
const instant = z.iso.datetime();
const visibility = z.enum(['PRIVATE', 'PUBLIC']);

/** An animal as its row stood when the event was written. */
const animalFields = {
  id,
  name: z.string(),
  speciesId: z.string(),
  sex: z.enum(['MALE', 'FEMALE', 'UNKNOWN']),
  visibility,
  sireId: id.nullable(),
  damId: id.nullable(),
};
const animalSnapshot = z.strictObject({ ...animalFields, externalId: z.string().nullable() });

export const animalCreated = defineEvent({
  name: 'animal.created',
  aggregate: 'animal',
  version: 1,
  // A hatchling is registered by its breeding session, with no external id yet and its clutch.
  payload: z.union([animalSnapshot, z.strictObject({ ...animalFields, clutchId: id })]),
  producers: ['animal/animal', 'animal/breeding'],
});

export const animalUpdated = defineEvent({
  name: 'animal.updated',
  aggregate: 'animal',
  version: 1,
  /** `changed`: the fields the update wrote (equal values included). */
  payload: animalSnapshot.extend({ changed: z.array(z.string()) }),
  producers: ['animal/animal'],
});

export const animalDeleted = defineEvent({
  name: 'animal.deleted',
  aggregate: 'animal',
  version: 1,
  payload: animalSnapshot,
  producers: ['animal/animal'],
});

export const animalGenotypeSet = defineEvent({
  name: 'animal.genotypeSet',
  aggregate: 'animal',
  version: 1,
  payload: z.strictObject({
    id,
    notation: z.string(),
    /** As stored: `probability` ("2/3") only for a possible het. */
    genes: z.array(z.strictObject({ gene: z.string(), copies: z.union([z.literal(1), z.literal(2)]), probability: z.string().optional() })),
  }),
  producers: ['animal/morphs'],
});

export const BREEDING_EVENT_TYPES = ['INTRODUCED', 'LOCK_OBSERVED', 'OVULATION', 'PRE_LAY_SHED', 'EGGS_LAID', 'CANDLED', 'HATCHED', 'NOTE', 'ENDED'] as const;

export const breedingSessionStarted = defineEvent({
  name: 'breedingSession.started',
  aggregate: 'breedingSession',
  version: 1,
  payload: z.strictObject({ sessionId: id, sireId: id, damId: id, startedAt: instant }),
  producers: ['animal/breeding'],
});

export const breedingSessionEventRecorded = defineEvent({
  name: 'breedingSession.eventRecorded',
  aggregate: 'breedingSession',
  version: 1,
  /** `seq` numbers the session's events from 1 without gaps; `cursor` is the event's in `events(after)`. */
  payload: z.strictObject({ sessionId: id, eventId: id, cursor: z.string(), seq: z.int().positive(), type: z.enum(BREEDING_EVENT_TYPES), occurredAt: instant }),
  producers: ['animal/breeding'],
});

export const pedigreeImportCompleted = defineEvent({
  name: 'pedigreeImport.completed',
  aggregate: 'pedigreeImport',
  version: 1,
  /** `imported`: how many animals the file added. */
  payload: z.strictObject({ importId: id, speciesId: z.string(), visibility, imported: z.int().nonnegative() }),
  producers: ['animal/herdbook'],
});

/** Where a listing stands: EXPIRED is never stored, it is an ACTIVE listing past its expiry (read time). */
export const LISTING_STATUSES = ['DRAFT', 'ACTIVE', 'RESERVED', 'SOLD', 'WITHDRAWN', 'EXPIRED'] as const;

/** A listing as its row stood when the event was written: what a search projection indexes. */
const listingSnapshot = z.strictObject({
  id,
  animalId: id,
  price: z.number(),
  currency: z.string().length(3),
  status: z.enum(LISTING_STATUSES),
  /** Counts the listing row's writes from 1: a projection keeps the highest it has applied. */
  revision: z.int().positive().optional(),
});

export const listingCreated = defineEvent({
  name: 'listing.created',
  aggregate: 'listing',
  version: 1,
  payload: listingSnapshot,
  producers: ['commerce/listing'],
});

export const listingUpdated = defineEvent({
  name: 'listing.updated',
  aggregate: 'listing',
  version: 1,
  /** Any change: its fields, a transition (published, withdrawn), or its animal's facts copied in. `changed`: what the write set. */
  payload: listingSnapshot.extend({ changed: z.array(z.string()) }),
  producers: ['commerce/listing'],
});

export const measurementRecorded = defineEvent({
  name: 'measurement.recorded',
  aggregate: 'measurement',
  version: 1,
  payload: z.strictObject({ id, animalId: id, trait: z.string(), value: z.number(), unit: z.string(), measuredAt: instant }),
  producers: ['research/measurement'],
});

/** Every domain event, by name: what the outboxes may hold. */
export const EVENT_CATALOG = {
  [animalCreated.name]: animalCreated,
  [animalUpdated.name]: animalUpdated,
  [animalDeleted.name]: animalDeleted,
  [animalGenotypeSet.name]: animalGenotypeSet,
  [breedingSessionStarted.name]: breedingSessionStarted,
  [breedingSessionEventRecorded.name]: breedingSessionEventRecorded,
  [pedigreeImportCompleted.name]: pedigreeImportCompleted,
  [listingCreated.name]: listingCreated,
  [listingUpdated.name]: listingUpdated,
  [measurementRecorded.name]: measurementRecorded,
} as const satisfies Record<string, DomainEventContract & EventContract>;

export type EventCatalog = typeof EVENT_CATALOG;
export type EventName = keyof EventCatalog;
export type AggregateType = EventCatalog[EventName]['aggregate'];
/** The payload an event of this name carries. */
export type PayloadOf<Name extends EventName> = z.output<EventCatalog[Name]['payload']>;
