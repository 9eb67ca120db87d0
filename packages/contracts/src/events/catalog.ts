import { z } from 'zod';
import type { EventContract } from '@studbook/platform';
import { defineEvent, type DomainEventContract } from './define-event.js';

// Payloads carry identifiers and the few facts a consumer routes on, never private detail beyond
// what the writing organisation already holds: a consumer that needs more reads it as its caller.

const id = z.guid();
const instant = z.iso.datetime();
const visibility = z.enum(['PRIVATE', 'LINEAGE', 'PUBLIC']);

/** An animal as its row stood when the event was written. */
const animalFields = {
  id,
  name: z.string(),
  speciesId: z.string(),
  sex: z.enum(['MALE', 'FEMALE', 'UNKNOWN']),
  visibility,
  /** Optional: rows written before statuses existed have none (they were all ACTIVE). */
  status: z.enum(['ACTIVE', 'HOLDBACK', 'SOLD', 'DECEASED']).optional(),
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

export const animalLineageMetricsChanged = defineEvent({
  name: 'animal.lineageMetricsChanged',
  aggregate: 'animal',
  version: 1,
  /**
   * A PUBLIC animal's stored F or five-generation pedigree completeness changed, because its own
   * parents or an ancestor's changed (in any organisation). Written in the lineage change's
   * transaction by studbook_api_store_lineage_metrics and studbook_api_clear_lineage_metrics, under the
   * animal's owner; never for a private animal, whose F is its owner's alone.
   */
  payload: z.strictObject({ id, inbreeding: z.number().min(0).max(1), completeness: z.number().min(0).max(1) }),
  producers: ['animal/lineage'],
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

export const saleCompleted = defineEvent({
  name: 'sale.completed',
  aggregate: 'sale',
  version: 1,
  /** The seller confirmed payment: the animal subgraph moves the animal to the buyer (modules/ownership). */
  payload: z.strictObject({ saleId: id, listingId: id, animalId: id, sellerOrganizationId: id, buyerOrganizationId: id, completedAt: instant }),
  producers: ['commerce/sale'],
  delivery: 'durable',
});

export const reviewCreated = defineEvent({
  name: 'review.created',
  aggregate: 'review',
  version: 1,
  /** Written under the reviewing (buyer) organisation; the text stays in the row. */
  payload: z.strictObject({ id, saleId: id, sellerOrganizationId: id, rating: z.int().min(1).max(5) }),
  producers: ['commerce/review'],
});

export const savedSearchCreated = defineEvent({
  name: 'savedSearch.created',
  aggregate: 'savedSearch',
  version: 1,
  /** Its query and filter stay in the row: they are the organisation's own. */
  payload: z.strictObject({ id }),
  producers: ['commerce/saved-search'],
});

export const savedSearchDeleted = defineEvent({
  name: 'savedSearch.deleted',
  aggregate: 'savedSearch',
  version: 1,
  payload: z.strictObject({ id }),
  producers: ['commerce/saved-search'],
});

export const savedSearchMatched = defineEvent({
  name: 'savedSearch.matched',
  aggregate: 'savedSearch',
  version: 1,
  /**
   * A listing that went on the market matches the saved search (once per listing). Written under
   * the saving organisation; the gateway's savedSearchMatches subscription reads the match as the
   * subscriber (gateway/src/realtime/subscriptions/saved-search-matches.ts).
   */
  payload: z.strictObject({ savedSearchId: id, matchId: id, listingId: id }),
  producers: ['commerce/saved-search'],
});

export const animalTransferred = defineEvent({
  name: 'animal.transferred',
  aggregate: 'animal',
  version: 1,
  /** Written under the buyer, who now owns the animal and its event history. */
  payload: z.strictObject({ id, saleId: id, fromOrganizationId: id, toOrganizationId: id, transferredAt: instant }),
  producers: ['animal/ownership'],
  delivery: 'durable',
});

export const TRANSFER_FAILURE_REASONS = ['ANIMAL_DELETED', 'SELLER_NOT_OWNER', 'ANIMAL_DECEASED', 'SAME_ORGANIZATION'] as const;

export const animalTransferFailed = defineEvent({
  name: 'animal.transferFailed',
  aggregate: 'animal',
  version: 1,
  /**
   * The sale's animal could not move; commerce ends the sale with this reason. Counted under the
   * sale's id (the aggregate id), since no animal changed and the animal may be gone or another's.
   */
  payload: z.strictObject({ saleId: id, animalId: id, reason: z.enum(TRANSFER_FAILURE_REASONS) }),
  producers: ['animal/ownership'],
  delivery: 'durable',
});

/** A media item's facts as consumers route on them: never its bytes, URLs or object keys. */
const mediaFields = { id, animalId: id, kind: z.enum(['PHOTO', 'DOCUMENT']), contentType: z.string(), byteSize: z.number().int().positive() };

export const mediaUploaded = defineEvent({
  name: 'media.uploaded',
  aggregate: 'media',
  version: 1,
  /** Checked and stored; a photo's renditions are made from this event. */
  payload: z.strictObject(mediaFields),
  producers: ['animal/media'],
});

export const mediaRendered = defineEvent({
  name: 'media.rendered',
  aggregate: 'media',
  version: 1,
  payload: z.strictObject({ id, animalId: id, status: z.enum(['READY', 'FAILED']), failureReason: z.string().nullable() }),
  producers: ['animal/media'],
});

export const mediaUpdated = defineEvent({
  name: 'media.updated',
  aggregate: 'media',
  version: 1,
  /** `changed`: caption, takenAt, position or isCover. */
  payload: z.strictObject({ id, animalId: id, changed: z.array(z.string()) }),
  producers: ['animal/media'],
});

export const mediaDeleted = defineEvent({
  name: 'media.deleted',
  aggregate: 'media',
  version: 1,
  payload: z.strictObject({ id, animalId: id }),
  producers: ['animal/media'],
});

export const pedigreeCertificateIssued = defineEvent({
  name: 'pedigreeCertificate.issued',
  aggregate: 'pedigreeCertificate',
  version: 1,
  payload: z.strictObject({ id, animalId: id, generations: z.number().int(), contentHash: z.string() }),
  producers: ['animal/certificate'],
});

/** A bulk import of measurements: one event for the whole file; `imported`: how many measurements it added. */
export const measurementImportCompleted = defineEvent({
  name: 'measurementImport.completed',
  aggregate: 'measurementImport',
  version: 1,
  payload: z.strictObject({ importId: id, imported: z.int().nonnegative() }),
  producers: ['research/measurement'],
});

/** A farm as its row stood when the event was written. */
const farmSnapshot = z.strictObject({ id, name: z.string(), latitude: z.number(), longitude: z.number(), region: z.string().nullable(), country: z.string().nullable() });
const farmGroupSnapshot = z.strictObject({ id, farmId: id, name: z.string(), purpose: z.string().nullable() });

export const farmCreated = defineEvent({ name: 'farm.created', aggregate: 'farm', version: 1, payload: farmSnapshot, producers: ['research/farm'] });
export const farmUpdated = defineEvent({ name: 'farm.updated', aggregate: 'farm', version: 1, payload: farmSnapshot, producers: ['research/farm'] });
export const farmDeleted = defineEvent({ name: 'farm.deleted', aggregate: 'farm', version: 1, payload: z.strictObject({ id }), producers: ['research/farm'] });
export const farmGroupCreated = defineEvent({ name: 'farmGroup.created', aggregate: 'farmGroup', version: 1, payload: farmGroupSnapshot, producers: ['research/farm'] });
export const farmGroupUpdated = defineEvent({ name: 'farmGroup.updated', aggregate: 'farmGroup', version: 1, payload: farmGroupSnapshot, producers: ['research/farm'] });
export const farmGroupDeleted = defineEvent({
  name: 'farmGroup.deleted',
  aggregate: 'farmGroup',
  version: 1,
  payload: z.strictObject({ id }),
  producers: ['research/farm'],
});

/** An animal moved to a farm (and group) from a day on; `from` is YYYY-MM-DD. */
export const farmAssignmentRecorded = defineEvent({
  name: 'farmAssignment.recorded',
  aggregate: 'farmAssignment',
  version: 1,
  payload: z.strictObject({ id, animalId: id, farmId: id, groupId: id.nullable(), from: z.iso.date() }),
  producers: ['research/farm'],
});

/** A research project as its row stood when the event was written (never its protocol's text). */
const projectSnapshot = z.strictObject({ id, title: z.string(), status: z.enum(['PLANNED', 'ACTIVE', 'COMPLETED', 'ARCHIVED']) });
const projectRole = z.enum(['LEAD', 'ANALYST', 'VIEWER']);

export const projectCreated = defineEvent({ name: 'project.created', aggregate: 'project', version: 1, payload: projectSnapshot, producers: ['research/project'] });
export const projectUpdated = defineEvent({ name: 'project.updated', aggregate: 'project', version: 1, payload: projectSnapshot, producers: ['research/project'] });

/** Someone was invited to a project (by email, which the payload does not carry). */
export const projectMemberInvited = defineEvent({
  name: 'project.memberInvited',
  aggregate: 'project',
  version: 1,
  payload: z.strictObject({ projectId: id, invitationId: id, role: projectRole }),
  producers: ['research/project'],
});

/**
 * A user (of `organizationId`) joined a project. Durable: the animal database keeps its own copy of
 * memberships, which its grant policy reads (modules/project-access); it orders them by event version.
 */
export const projectMemberAdded = defineEvent({
  name: 'project.memberAdded',
  aggregate: 'project',
  version: 1,
  payload: z.strictObject({ projectId: id, userId: id, organizationId: id, role: projectRole }),
  producers: ['research/project'],
  delivery: 'durable',
});

export const projectMemberRoleChanged = defineEvent({
  name: 'project.memberRoleChanged',
  aggregate: 'project',
  version: 1,
  payload: z.strictObject({ projectId: id, userId: id, role: projectRole }),
  producers: ['research/project'],
});

/** A member left or was removed: durable, so every database stops showing them granted data. */
export const projectMemberRemoved = defineEvent({
  name: 'project.memberRemoved',
  aggregate: 'project',
  version: 1,
  payload: z.strictObject({ projectId: id, userId: id }),
  producers: ['research/project'],
  delivery: 'durable',
});

export const projectFindingAdded = defineEvent({
  name: 'project.findingAdded',
  aggregate: 'project',
  version: 1,
  payload: z.strictObject({ projectId: id, findingId: id, foundOn: z.iso.date() }),
  producers: ['research/project'],
});

export const projectPublicationAdded = defineEvent({
  name: 'project.publicationAdded',
  aggregate: 'project',
  version: 1,
  payload: z.strictObject({ projectId: id, publicationId: id, doi: z.string(), year: z.int() }),
  producers: ['research/project'],
});

/**
 * An organisation let a project's members read some of its animals: those listed, and every animal
 * of `speciesId` (when set) at read time, or, for a farm or group grant, the animals its
 * projectGrant.animalsChanged events send (of `speciesId`, when set). Durable: the animal database
 * copies it for its policy.
 */
export const projectGrantCreated = defineEvent({
  name: 'projectGrant.created',
  aggregate: 'projectGrant',
  version: 1,
  payload: z.strictObject({
    id,
    projectId: id,
    animalIds: z.array(id),
    speciesId: z.string().nullable(),
    /** A farm or group grant (a group grant names its farm too): it covers the animals projectGrant.animalsChanged lists, not every animal of speciesId. */
    farmId: id.nullable().optional(),
    groupId: id.nullable().optional(),
  }),
  producers: ['research/project'],
  delivery: 'durable',
});

/** At most this many animal ids per projectGrant.animalsChanged event: a farm of 100,000 animals is granted in 20 events. */
export const GRANT_ANIMALS_PER_EVENT = 5_000;

/**
 * The animals a farm or group grant covers changed: those assigned to it (at its creation, or moved in)
 * were added, those moved away removed. Ordered by the grant's event version, which the animal
 * database keeps per animal, so late and repeated deliveries change nothing.
 */
export const projectGrantAnimalsChanged = defineEvent({
  name: 'projectGrant.animalsChanged',
  aggregate: 'projectGrant',
  version: 1,
  payload: z.strictObject({
    id,
    projectId: id,
    added: z.array(id).max(GRANT_ANIMALS_PER_EVENT),
    removed: z.array(id).max(GRANT_ANIMALS_PER_EVENT),
  }),
  producers: ['research/project'],
  delivery: 'durable',
});

/** A grant ended, for good. */
export const projectGrantRevoked = defineEvent({
  name: 'projectGrant.revoked',
  aggregate: 'projectGrant',
  version: 1,
  payload: z.strictObject({ id, projectId: id }),
  producers: ['research/project'],
  delivery: 'durable',
});

/** Every domain event, by name: what the outboxes may hold. */
export const EVENT_CATALOG = {
  [animalCreated.name]: animalCreated,
  [animalUpdated.name]: animalUpdated,
  [animalDeleted.name]: animalDeleted,
  [animalGenotypeSet.name]: animalGenotypeSet,
  [animalLineageMetricsChanged.name]: animalLineageMetricsChanged,
  [breedingSessionStarted.name]: breedingSessionStarted,
  [breedingSessionEventRecorded.name]: breedingSessionEventRecorded,
  [pedigreeImportCompleted.name]: pedigreeImportCompleted,
  [listingCreated.name]: listingCreated,
  [listingUpdated.name]: listingUpdated,
  [measurementRecorded.name]: measurementRecorded,
  [saleCompleted.name]: saleCompleted,
  [reviewCreated.name]: reviewCreated,
  [savedSearchCreated.name]: savedSearchCreated,
  [savedSearchDeleted.name]: savedSearchDeleted,
  [savedSearchMatched.name]: savedSearchMatched,
  [animalTransferred.name]: animalTransferred,
  [animalTransferFailed.name]: animalTransferFailed,
  [mediaUploaded.name]: mediaUploaded,
  [mediaRendered.name]: mediaRendered,
  [mediaUpdated.name]: mediaUpdated,
  [mediaDeleted.name]: mediaDeleted,
  [pedigreeCertificateIssued.name]: pedigreeCertificateIssued,
  [measurementImportCompleted.name]: measurementImportCompleted,
  [farmCreated.name]: farmCreated,
  [farmUpdated.name]: farmUpdated,
  [farmDeleted.name]: farmDeleted,
  [farmGroupCreated.name]: farmGroupCreated,
  [farmGroupUpdated.name]: farmGroupUpdated,
  [farmGroupDeleted.name]: farmGroupDeleted,
  [farmAssignmentRecorded.name]: farmAssignmentRecorded,
  [projectCreated.name]: projectCreated,
  [projectUpdated.name]: projectUpdated,
  [projectMemberInvited.name]: projectMemberInvited,
  [projectMemberAdded.name]: projectMemberAdded,
  [projectMemberRoleChanged.name]: projectMemberRoleChanged,
  [projectMemberRemoved.name]: projectMemberRemoved,
  [projectFindingAdded.name]: projectFindingAdded,
  [projectPublicationAdded.name]: projectPublicationAdded,
  [projectGrantCreated.name]: projectGrantCreated,
  [projectGrantRevoked.name]: projectGrantRevoked,
  [projectGrantAnimalsChanged.name]: projectGrantAnimalsChanged,
} as const satisfies Record<string, DomainEventContract & EventContract>;

export type EventCatalog = typeof EVENT_CATALOG;
export type EventName = keyof EventCatalog;
export type AggregateType = EventCatalog[EventName]['aggregate'];
/** The payload an event of this name carries. */
export type PayloadOf<Name extends EventName> = z.output<EventCatalog[Name]['payload']>;

/** The events the outbox relays also append to their Redis Streams (see `delivery`). */
export const DURABLE_EVENT_TYPES: ReadonlySet<string> = new Set(
  Object.values(EVENT_CATALOG)
    .filter((contract: DomainEventContract) => contract.delivery === 'durable')
    .map((contract) => contract.name),
);
