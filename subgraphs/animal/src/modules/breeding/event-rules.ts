import { badInput, conflict } from '@studbook/platform';
import type { BreedingEventType, BreedingSessionStatus } from './breeding-row.js';

/** Larger than any reptile, bird or livestock clutch or litter; a typo guard, not biology. */
export const MAX_CLUTCH_SIZE = 250;
export const NOTES_MAX_LENGTH = 2000;
/** A client clock may run a little ahead of ours; beyond this, an occurredAt is "in the future". */
export const CLOCK_SKEW_MS = 60_000;

export interface EventInput {
  type: BreedingEventType;
  notes?: string | null;
  occurredAt?: Date | string | null;
  eggCount?: number | null;
  fertileCount?: number | null;
  hatchedCount?: number | null;
  registerHatchlings?: number | null;
}

/** What the rules need to know about a session, read under its row lock. */
export interface SessionState {
  status: BreedingSessionStatus;
  /** When the pair was put together: no event can predate it. */
  startedAt: Date;
  lastEventAt: Date | null;
  clutch: { eggCount: number; fertileCount: number | null; hatchedCount: number | null } | null;
}

/** An event that passed every rule, with what it changes besides its own row. */
export interface EventPlan {
  type: BreedingEventType;
  occurredAt: Date;
  notes: string | null;
  eggCount: number | null;
  fertileCount: number | null;
  hatchedCount: number | null;
  registerHatchlings: number;
}

type CountField = 'eggCount' | 'fertileCount' | 'hatchedCount' | 'registerHatchlings';

/** Which event type each count belongs to, and whether that type requires it. */
const COUNT_OWNER: Record<CountField, { type: BreedingEventType; required: boolean }> = {
  eggCount: { type: 'EGGS_LAID', required: true },
  fertileCount: { type: 'CANDLED', required: true },
  hatchedCount: { type: 'HATCHED', required: true },
  registerHatchlings: { type: 'HATCHED', required: false },
};

/**
 * Checks an event against the session's state and returns what to write, or throws:
 * CONFLICT when the session's state forbids this type now (ended, eggs not laid or laid already,
 * hatched already), BAD_USER_INPUT naming the field for counts and times that do not add up.
 */
export function planEvent(state: SessionState, input: EventInput, now: Date): EventPlan {
  if (state.status === 'ENDED') throw conflict('This breeding session has ended; no more events can be recorded');
  const counts = validCounts(input);
  checkOrder(state, input.type);
  if (state.clutch) checkCountsAgainstClutch(state.clutch, input.type, counts);
  return {
    type: input.type,
    occurredAt: validOccurredAt(input.occurredAt, state.lastEventAt ?? state.startedAt, state.lastEventAt === null, now),
    notes: validNotes(input.notes),
    eggCount: counts.eggCount ?? null,
    fertileCount: counts.fertileCount ?? null,
    hatchedCount: counts.hatchedCount ?? null,
    registerHatchlings: counts.registerHatchlings ?? 0,
  };
}

/** Counts belong to one event type each, are whole, non-negative and below the clutch-size cap. */
function validCounts(input: EventInput): Partial<Record<CountField, number>> {
  const counts: Partial<Record<CountField, number>> = {};
  for (const field of Object.keys(COUNT_OWNER) as CountField[]) {
    const value = input[field];
    const owner = COUNT_OWNER[field];
    if (value == null) {
      if (owner.required && input.type === owner.type) throw badInput(`${field} is required for ${owner.type}`, field);
      continue;
    }
    if (input.type !== owner.type) throw badInput(`${field} can only be given with ${owner.type}`, field);
    const min = field === 'eggCount' ? 1 : 0;
    if (!Number.isInteger(value) || value < min || value > MAX_CLUTCH_SIZE) throw badInput(`${field} must be between ${min} and ${MAX_CLUTCH_SIZE}`, field);
    counts[field] = value;
  }
  if (counts.registerHatchlings !== undefined && counts.hatchedCount !== undefined && counts.registerHatchlings > counts.hatchedCount) {
    throw badInput('registerHatchlings cannot exceed hatchedCount', 'registerHatchlings');
  }
  return counts;
}

/** What leads up to egg-laying: once the clutch exists, it is too late for these. */
const BEFORE_LAYING = new Set<BreedingEventType>(['INTRODUCED', 'LOCK_OBSERVED', 'OVULATION', 'PRE_LAY_SHED']);

/**
 * Pre-laying observations only before EGGS_LAID; EGGS_LAID once; CANDLED and HATCHED only once
 * eggs are laid; CANDLED before HATCHED; HATCHED once.
 */
function checkOrder(state: SessionState, type: BreedingEventType): void {
  const { clutch } = state;
  if (BEFORE_LAYING.has(type) && clutch) throw conflict(`${type} comes before egg-laying, and this session's eggs were already laid`);
  if (type === 'EGGS_LAID' && clutch) throw conflict('Eggs were already laid in this session');
  if ((type === 'CANDLED' || type === 'HATCHED') && !clutch) throw conflict(`${type} needs EGGS_LAID first: no eggs were laid in this session`);
  if (type === 'HATCHED' && clutch?.hatchedCount != null) throw conflict('This clutch has already hatched');
  if (type === 'CANDLED' && clutch?.hatchedCount != null) throw conflict('This clutch has already hatched; it can no longer be candled');
}

function checkCountsAgainstClutch(clutch: NonNullable<SessionState['clutch']>, type: BreedingEventType, counts: Partial<Record<CountField, number>>): void {
  if (type === 'CANDLED' && counts.fertileCount! > clutch.eggCount) {
    throw badInput(`fertileCount cannot exceed the ${clutch.eggCount} eggs laid`, 'fertileCount');
  }
  if (type === 'HATCHED') {
    const limit = clutch.fertileCount ?? clutch.eggCount;
    const what = clutch.fertileCount != null ? 'fertile eggs' : 'eggs laid';
    if (counts.hatchedCount! > limit) throw badInput(`hatchedCount cannot exceed the ${limit} ${what}`, 'hatchedCount');
  }
}

/**
 * Defaults to now. A given time may not be in the future nor before the previous event (the
 * session's start, for its first event); the default is never before it either, even if that one
 * came from a clock running ahead.
 */
function validOccurredAt(given: Date | string | null | undefined, previous: Date, first: boolean, now: Date): Date {
  if (given == null) return previous > now ? previous : now;
  const at = new Date(given);
  if (Number.isNaN(at.getTime())) throw badInput('occurredAt must be an ISO 8601 timestamp', 'occurredAt');
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badInput('occurredAt cannot be in the future', 'occurredAt');
  if (at < previous) {
    throw badInput(`occurredAt cannot be before ${first ? 'the session started' : 'the previous event'} (${previous.toISOString()})`, 'occurredAt');
  }
  // Stored with millisecond precision, like every timestamp here.
  return at;
}

/**
 * When a session started: now by default, or earlier for a pairing recorded after the fact
 * (its events may then go back to that day); never in the future.
 */
export function validStartedAt(given: Date | string | null | undefined, now: Date): Date {
  if (given == null) return now;
  const at = new Date(given);
  if (Number.isNaN(at.getTime())) throw badInput('startedAt must be an ISO 8601 timestamp', 'startedAt');
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badInput('startedAt cannot be in the future', 'startedAt');
  return at > now ? now : at;
}

/** Trimmed; empty means none. Line breaks and tabs are fine in notes, other control characters are not. */
export function validNotes(notes: string | null | undefined): string | null {
  const trimmed = notes?.trim();
  if (!trimmed) return null;
  if (trimmed.length > NOTES_MAX_LENGTH) throw badInput(`Notes must be at most ${NOTES_MAX_LENGTH} characters`, 'notes');
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) throw badInput('Notes must not contain control characters', 'notes');
  return trimmed;
}
