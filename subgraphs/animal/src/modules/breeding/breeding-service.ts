import {
  appendEvent,
  badInput,
  conflict,
  ErrorCode,
  forbidden,
  idempotencyKeyOf,
  isForeignKeyViolation,
  isUniqueViolation,
  parseCreatedAtCursor,
  replayed,
  requireWriter,
  userError,
  validId,
  validPageSize,
  writeOnce,
  type Identity,
  type TenantDb,
  type TenantScope,
  type Tx,
} from '@studbook/platform';
import { animalCreated, breedingSessionEventRecorded, breedingSessionStarted } from '@studbook/contracts/events';
import { NAME_MAX_LENGTH } from '../animal/animal-input.js';
import type { AnimalRow } from '../animal/animal-row.js';
import { findAnimalsByIds } from '../animal/animal-reads.js';
import type { SpeciesCatalog } from '../animal/species-catalog.js';
import type { BreedingLineage } from './breeding-lineage.js';
import { primeSession, type BreedingLoaders } from './breeding-loaders.js';
import type { BreedingEventRow, BreedingSessionRow, BreedingSessionStatus, BreedingStatRow, ClutchRow } from './breeding-row.js';
import * as clutchStore from './clutch-store.js';
import { eventCursor, parseEventCursor } from './event-cursor.js';
import { planEvent, validNotes, validStartedAt, type EventInput, type EventPlan } from './event-rules.js';
import * as eventStore from './event-store.js';
import { insertHatchlings } from './hatchling-store.js';
import * as sessionStore from './session-store.js';
import { findBreedingStats } from './stats-store.js';
import type { BreedingStatsRefresher } from './stats-refresher.js';

export interface StartBreedingSessionInput {
  sireId: string;
  damId: string;
  notes?: string | null;
  startedAt?: Date | string | null;
  idempotencyKey?: string | null;
}

export interface RecordBreedingEventInput extends EventInput {
  sessionId: string;
  idempotencyKey?: string | null;
}

export interface BreedingSessionPage {
  rows: BreedingSessionRow[];
  hasNextPage: boolean;
}

/** Events after which the breeding_stats view is out of date. */
const CLUTCH_EVENTS = new Set<EventPlan['type']>(['EGGS_LAID', 'CANDLED', 'HATCHED']);

export interface BreedingServiceDeps {
  db: TenantDb;
  identity: Identity;
  scope: TenantScope | null;
  loaders: BreedingLoaders;
  species: SpeciesCatalog;
  lineage: BreedingLineage;
  stats: BreedingStatsRefresher;
}

/** Business rules for breeding sessions, for one request and one caller. */
export class BreedingService {
  constructor(private readonly deps: BreedingServiceDeps) {}

  sessionById(id: string): Promise<BreedingSessionRow | null> {
    return this.deps.loaders.sessionById.load(id);
  }

  eventById(id: string): Promise<BreedingEventRow | null> {
    return this.deps.loaders.eventById.load(id);
  }

  clutchById(id: string): Promise<ClutchRow | null> {
    return this.deps.loaders.clutchById.load(id);
  }

  clutchOfSession(sessionId: string): Promise<ClutchRow | null> {
    return this.deps.loaders.clutchBySessionId.load(sessionId);
  }

  hatchlingsOf(clutchId: string): Promise<AnimalRow[]> {
    return this.deps.loaders.hatchlingsByClutchId.load(clutchId);
  }

  /** A session's events in order; with `after` (a cursor of this session), only the later ones. */
  async events(sessionId: string, after: string | null | undefined): Promise<BreedingEventRow[]> {
    const afterSeq = after == null ? 0 : parseEventCursor(after, sessionId);
    const events = await this.deps.loaders.eventsBySessionId.load(sessionId);
    return afterSeq === 0 ? events : events.filter((event) => event.seq > afterSeq);
  }

  cursorOf(event: BreedingEventRow): string {
    return eventCursor(event.sessionId, event.seq);
  }

  async list(first: number | null | undefined, after: string | null | undefined, status: BreedingSessionStatus | null | undefined): Promise<BreedingSessionPage> {
    const size = validPageSize(first);
    if (!this.deps.scope) return { rows: [], hasNextPage: false };
    const rows = await this.deps.db.read(this.deps.scope, (tx) =>
      sessionStore.listSessions(tx, { first: size, after: after ? parseCreatedAtCursor(after) : undefined, status: status ?? undefined }),
    );
    const page = rows.slice(0, size);
    for (const row of page) primeSession(this.deps.loaders, row);
    return { rows: page.map((row) => row.session), hasNextPage: rows.length > size };
  }

  async statsFor(speciesName: string): Promise<BreedingStatRow[]> {
    const species = this.deps.species.byName(speciesName);
    if (!species) throw badInput(`Unknown species "${speciesName.slice(0, 80)}"`, 'species');
    if (!this.deps.scope) return [];
    return this.deps.db.read(this.deps.scope, (tx) => findBreedingStats(tx, species.id));
  }

  /**
   * Pairs a male and a female of one species. Both must be visible to the caller and at least one
   * must be their organisation's: pairing with another breeder's public animal (a stud service) is
   * normal, arranging a pairing of two other organisations' animals is not the caller's to record.
   */
  async start(input: StartBreedingSessionInput): Promise<BreedingSessionRow> {
    const caller = requireWriter(this.deps.identity);
    const sireId = validId(input.sireId, 'sireId');
    const damId = validId(input.damId, 'damId');
    if (sireId === damId) throw badInput('The sire and the dam must be two different animals', 'damId');
    const notes = validNotes(input.notes);
    const startedAt = validStartedAt(input.startedAt, new Date());
    const key = idempotencyKeyOf('startBreedingSession', input);
    const once = await writeOnce(
      this.deps.db,
      this.writeScope(caller.userId),
      key,
      async (tx) => {
        const { sire } = await this.checkPair(tx, sireId, damId);
        const row = await sessionStore.insertSession(tx, {
          sireId,
          damId,
          speciesId: sire.speciesId,
          notes,
          createdAt: startedAt, // startedAt is the row's creation time unless given earlier
          offspringInbreeding: await this.deps.lineage.offspringInbreeding(tx, sireId, damId),
        });
        await appendEvent(tx, breedingSessionStarted, {
          aggregateId: row.id,
          payload: { sessionId: row.id, sireId, damId, startedAt: row.createdAt.toISOString() },
        });
        return row;
      },
      (row) => row.id,
    )
      .catch(pairAlreadyActive)
      .catch(animalGone);
    if ('replayOf' in once) return replayed(await this.sessionById(once.replayOf));
    const session = once.written;
    // A new session has no clutch and no events: nothing to read back for the response.
    primeSession(this.deps.loaders, { session, clutch: null });
    this.deps.loaders.eventsBySessionId.prime(session.id, []);
    await this.deps.stats.refresh();
    return session;
  }

  /**
   * Appends an event to a session under the session's row lock: the rules see the session as it
   * is, the sequence number has no gap, and the event, its clutch change, its hatchlings and its
   * outbox row commit together or not at all.
   */
  async record(input: RecordBreedingEventInput): Promise<BreedingEventRow> {
    const caller = requireWriter(this.deps.identity);
    const sessionId = validId(input.sessionId, 'sessionId');
    const key = idempotencyKeyOf('recordBreedingEvent', input);
    const once = await writeOnce(
      this.deps.db,
      this.writeScope(caller.userId),
      key,
      async (tx) => {
        const locked = await sessionStore.lockSessionWithClutch(tx, sessionId);
        if (!locked) throw userError(ErrorCode.NotFound, 'Breeding session not found', { field: 'sessionId' });
        const plan = planEvent(
          { status: locked.session.status, startedAt: locked.session.createdAt, lastEventAt: locked.session.lastEventAt, clutch: locked.clutch },
          input,
          new Date(),
        );
        const seq = locked.session.lastSeq + 1;
        const event = await eventStore.insertEvent(tx, {
          sessionId,
          seq,
          type: plan.type,
          occurredAt: plan.occurredAt,
          notes: plan.notes,
          eggCount: plan.eggCount,
          fertileCount: plan.fertileCount,
          hatchedCount: plan.hatchedCount,
          registeredHatchlings: plan.type === 'HATCHED' ? plan.registerHatchlings : null,
        });
        const session = await sessionStore.advanceSession(tx, sessionId, seq, plan.occurredAt, plan.type === 'ENDED');
        const { clutch, hatchlingIds } = await this.applyToClutch(tx, session, locked.clutch, plan);
        await appendEvent(tx, breedingSessionEventRecorded, {
          aggregateId: sessionId,
          payload: { sessionId, eventId: event.id, cursor: eventCursor(sessionId, seq), seq, type: event.type, occurredAt: event.occurredAt.toISOString() },
        });
        return { event, plan, session, clutch, hatchlingIds };
      },
      (recorded) => recorded.event.id,
    );
    // The first request refreshed the stats and evicted the pedigrees its write touched; a replay wrote nothing.
    if ('replayOf' in once) return replayed(await this.eventById(once.replayOf));
    const { event, plan, session, clutch, hatchlingIds } = once.written;
    // The response's session and clutch are these rows, as committed.
    primeSession(this.deps.loaders, { session, clutch });
    if (hatchlingIds.length > 0) await this.deps.lineage.invalidate(hatchlingIds);
    if (CLUTCH_EVENTS.has(plan.type)) await this.deps.stats.refresh();
    return event;
  }

  /**
   * EGGS_LAID creates the clutch, CANDLED sets its fertile eggs, HATCHED its hatched ones and
   * registers hatchlings; returns the clutch as it now is and the new animals' ids.
   */
  private async applyToClutch(
    tx: Tx,
    session: BreedingSessionRow,
    clutch: ClutchRow | null,
    plan: EventPlan,
  ): Promise<{ clutch: ClutchRow | null; hatchlingIds: string[] }> {
    if (plan.type === 'EGGS_LAID') {
      return { clutch: await clutchStore.insertClutch(tx, { sessionId: session.id, laidAt: plan.occurredAt, eggCount: plan.eggCount! }), hatchlingIds: [] };
    }
    if (plan.type === 'CANDLED') {
      return { clutch: await clutchStore.updateClutch(tx, clutch!.id, { fertileCount: plan.fertileCount }), hatchlingIds: [] };
    }
    if (plan.type === 'HATCHED') {
      const hatched = await clutchStore.updateClutch(tx, clutch!.id, { hatchedCount: plan.hatchedCount });
      return { clutch: hatched, hatchlingIds: plan.registerHatchlings > 0 ? await this.registerHatchlings(tx, session, hatched, plan) : [] };
    }
    return { clutch, hatchlingIds: [] };
  }

  /**
   * Registers hatchlings as the caller's private animals of unknown sex, hatched on the day of the
   * HATCHED event, with the pair as parents. The parents are checked again under the lineage lock,
   * as for any new animal with parents: either may have been made private or changed since the start.
   */
  private async registerHatchlings(tx: Tx, session: BreedingSessionRow, clutch: ClutchRow, plan: EventPlan): Promise<string[]> {
    await this.deps.lineage.lock(tx);
    const hatchDate = plan.occurredAt.toISOString().slice(0, 10);
    const parents = new Map((await findAnimalsByIds(tx, [session.sireId, session.damId])).map((row) => [row.id, row]));
    const sire = parents.get(session.sireId);
    const dam = parents.get(session.damId);
    for (const [label, parent, sex] of [
      ['sire', sire, 'MALE'],
      ['dam', dam, 'FEMALE'],
    ] as const) {
      if (!parent) throw conflict(`The ${label} is no longer visible to your organisation, so hatchlings cannot be registered with it as a parent`);
      if (parent.sex !== sex) throw conflict(`The ${label} is no longer recorded as ${sex.toLowerCase()}, so hatchlings cannot be registered`);
      if (parent.hatchDate && parent.hatchDate >= hatchDate) throw badInput(`The ${label} must have hatched before its offspring`, 'occurredAt');
    }
    const year = clutch.laidAt.getUTCFullYear();
    const hatchlings = Array.from({ length: plan.registerHatchlings }, (_, i) => ({
      name: hatchlingName(dam!.name, year, i + 1),
      speciesId: session.speciesId,
      hatchDate,
      sireId: session.sireId,
      damId: session.damId,
    }));
    const rows = await insertHatchlings(tx, hatchlings);
    const byName = new Map(rows.map((row) => [row.name, row]));
    const ordered = hatchlings.map((hatchling) => byName.get(hatchling.name)!);
    await clutchStore.linkHatchlings(
      tx,
      clutch.id,
      ordered.map((row) => row.id),
    );
    for (const row of ordered) {
      await appendEvent(tx, animalCreated, {
        aggregateId: row.id,
        payload: {
          id: row.id,
          name: row.name,
          speciesId: row.speciesId,
          sex: row.sex,
          visibility: row.visibility,
          sireId: row.sireId,
          damId: row.damId,
          clutchId: clutch.id,
        },
      });
    }
    const ids = ordered.map((row) => row.id);
    await this.deps.lineage.recompute(tx, ids);
    return ids;
  }

  /** Both visible, a male and a female of one species, at least one the caller's organisation's. */
  private async checkPair(tx: Tx, sireId: string, damId: string): Promise<{ sire: AnimalRow; dam: AnimalRow }> {
    const visible = new Map((await findAnimalsByIds(tx, [sireId, damId])).map((row) => [row.id, row]));
    const sire = visible.get(sireId);
    const dam = visible.get(damId);
    if (!sire) throw userError(ErrorCode.NotFound, 'Sire not found', { field: 'sireId' });
    if (!dam) throw userError(ErrorCode.NotFound, 'Dam not found', { field: 'damId' });
    if (sire.sex !== 'MALE') throw badInput('The sire must be male', 'sireId');
    if (dam.sex !== 'FEMALE') throw badInput('The dam must be female', 'damId');
    if (sire.speciesId !== dam.speciesId) throw badInput('The sire and the dam must be of the same species', 'damId');
    if (sire.tenantId !== this.deps.scope?.tenantId && dam.tenantId !== this.deps.scope?.tenantId) {
      throw forbidden('At least one animal of the pair must belong to your organisation');
    }
    return { sire, dam };
  }

  private writeScope(userId: string): TenantScope {
    return { tenantId: this.deps.scope!.tenantId, userId };
  }
}

/** "<dam> clutch 2026 #3", the dam's name shortened when the whole would be too long for a name. */
export function hatchlingName(damName: string, year: number, ordinal: number): string {
  const suffix = ` clutch ${year} #${ordinal}`;
  return `${damName.slice(0, NAME_MAX_LENGTH - suffix.length).trimEnd()}${suffix}`;
}

function pairAlreadyActive(error: unknown): never {
  if (isUniqueViolation(error, 'breeding_sessions_one_active_pair')) throw conflict('This pair already has an active breeding session; end it first');
  throw error;
}

/** A parent deleted between the check and the insert. */
function animalGone(error: unknown): never {
  if (isForeignKeyViolation(error, 'breeding_sessions_sire_fk')) throw userError(ErrorCode.NotFound, 'Sire not found', { field: 'sireId' });
  if (isForeignKeyViolation(error, 'breeding_sessions_dam_fk')) throw userError(ErrorCode.NotFound, 'Dam not found', { field: 'damId' });
  throw error;
}
