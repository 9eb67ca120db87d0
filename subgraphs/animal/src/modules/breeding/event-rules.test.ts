import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { CLOCK_SKEW_MS, MAX_CLUTCH_SIZE, planEvent, validNotes, validStartedAt, type EventInput, type SessionState } from './event-rules.js';

const now = new Date('2026-06-01T12:00:00.000Z');
const started = new Date('2026-04-01T00:00:00Z');
const active: SessionState = { status: 'ACTIVE', startedAt: started, lastEventAt: null, clutch: null };
const laid: SessionState = {
  status: 'ACTIVE',
  startedAt: started,
  lastEventAt: new Date('2026-05-01T00:00:00Z'),
  clutch: { eggCount: 6, fertileCount: null, hatchedCount: null },
};
const candled: SessionState = { ...laid, clutch: { eggCount: 6, fertileCount: 5, hatchedCount: null } };
const hatched: SessionState = { ...laid, clutch: { eggCount: 6, fertileCount: 5, hatchedCount: 4 } };

const refusal = (state: SessionState, input: EventInput) => rejectionOf(() => planEvent(state, input, now));

describe('planEvent order rules', () => {
  it('accepts the observation events any time while active, defaulting occurredAt to now', () => {
    for (const type of ['INTRODUCED', 'LOCK_OBSERVED', 'OVULATION', 'PRE_LAY_SHED', 'NOTE', 'ENDED'] as const) {
      expect(planEvent(active, { type }, now)).toMatchObject({ type, occurredAt: now, eggCount: null, registerHatchlings: 0 });
    }
  });

  it('refuses everything once the session has ended', () => {
    expect(refusal({ ...active, status: 'ENDED' }, { type: 'NOTE' })).toEqual({ code: 'CONFLICT' });
  });

  it('refuses CANDLED and HATCHED before EGGS_LAID, and a second EGGS_LAID', () => {
    expect(refusal(active, { type: 'CANDLED', fertileCount: 1 })?.code).toBe('CONFLICT');
    expect(refusal(active, { type: 'HATCHED', hatchedCount: 1 })?.code).toBe('CONFLICT');
    expect(refusal(laid, { type: 'EGGS_LAID', eggCount: 3 })?.code).toBe('CONFLICT');
  });

  it('refuses the observations leading up to egg-laying once the eggs are laid, but not a note', () => {
    for (const type of ['INTRODUCED', 'LOCK_OBSERVED', 'OVULATION', 'PRE_LAY_SHED'] as const) {
      expect(refusal(laid, { type })?.code).toBe('CONFLICT');
      expect(refusal(hatched, { type })?.code).toBe('CONFLICT');
    }
    expect(planEvent(laid, { type: 'NOTE' }, now).type).toBe('NOTE');
    expect(planEvent(hatched, { type: 'ENDED' }, now).type).toBe('ENDED');
  });

  it('refuses a second HATCHED and a CANDLED after hatching', () => {
    expect(refusal(hatched, { type: 'HATCHED', hatchedCount: 1 })?.code).toBe('CONFLICT');
    expect(refusal(hatched, { type: 'CANDLED', fertileCount: 1 })?.code).toBe('CONFLICT');
  });

  it('lets a later candling correct the fertile count', () => {
    expect(planEvent(candled, { type: 'CANDLED', fertileCount: 4 }, now).fertileCount).toBe(4);
  });
});

describe('planEvent counts', () => {
  it('requires each type its count', () => {
    expect(refusal(active, { type: 'EGGS_LAID' })).toEqual({ code: 'BAD_USER_INPUT', field: 'eggCount' });
    expect(refusal(laid, { type: 'CANDLED' })).toEqual({ code: 'BAD_USER_INPUT', field: 'fertileCount' });
    expect(refusal(laid, { type: 'HATCHED' })).toEqual({ code: 'BAD_USER_INPUT', field: 'hatchedCount' });
  });

  it('refuses a count given with another type', () => {
    expect(refusal(active, { type: 'NOTE', eggCount: 3 })).toEqual({ code: 'BAD_USER_INPUT', field: 'eggCount' });
    expect(refusal(laid, { type: 'HATCHED', hatchedCount: 2, fertileCount: 2 })).toEqual({ code: 'BAD_USER_INPUT', field: 'fertileCount' });
    expect(refusal(laid, { type: 'CANDLED', fertileCount: 2, registerHatchlings: 1 })).toEqual({ code: 'BAD_USER_INPUT', field: 'registerHatchlings' });
  });

  it('keeps eggCount between 1 and the clutch-size cap, other counts non-negative', () => {
    expect(refusal(active, { type: 'EGGS_LAID', eggCount: 0 })?.field).toBe('eggCount');
    expect(refusal(active, { type: 'EGGS_LAID', eggCount: MAX_CLUTCH_SIZE + 1 })?.field).toBe('eggCount');
    expect(planEvent(active, { type: 'EGGS_LAID', eggCount: MAX_CLUTCH_SIZE }, now).eggCount).toBe(MAX_CLUTCH_SIZE);
    expect(refusal(laid, { type: 'CANDLED', fertileCount: -1 })?.field).toBe('fertileCount');
    expect(planEvent(laid, { type: 'CANDLED', fertileCount: 0 }, now).fertileCount).toBe(0);
  });

  it('caps fertile eggs at the eggs laid and hatched ones at the fertile (else laid) eggs', () => {
    expect(refusal(laid, { type: 'CANDLED', fertileCount: 7 })).toEqual({ code: 'BAD_USER_INPUT', field: 'fertileCount' });
    expect(refusal(laid, { type: 'HATCHED', hatchedCount: 7 })).toEqual({ code: 'BAD_USER_INPUT', field: 'hatchedCount' });
    expect(planEvent(laid, { type: 'HATCHED', hatchedCount: 6 }, now).hatchedCount).toBe(6);
    expect(refusal(candled, { type: 'HATCHED', hatchedCount: 6 })).toEqual({ code: 'BAD_USER_INPUT', field: 'hatchedCount' });
  });

  it('registers at most the hatched animals', () => {
    expect(refusal(candled, { type: 'HATCHED', hatchedCount: 3, registerHatchlings: 4 })).toEqual({ code: 'BAD_USER_INPUT', field: 'registerHatchlings' });
    expect(planEvent(candled, { type: 'HATCHED', hatchedCount: 3, registerHatchlings: 3 }, now).registerHatchlings).toBe(3);
  });
});

describe('planEvent times and notes', () => {
  it('refuses an occurredAt in the future beyond the allowed clock skew', () => {
    expect(refusal(active, { type: 'NOTE', occurredAt: new Date(now.getTime() + CLOCK_SKEW_MS + 1) })).toEqual({ code: 'BAD_USER_INPUT', field: 'occurredAt' });
    expect(planEvent(active, { type: 'NOTE', occurredAt: new Date(now.getTime() + CLOCK_SKEW_MS) }, now).type).toBe('NOTE');
  });

  it('refuses an occurredAt before the previous event but accepts the same instant', () => {
    expect(refusal(laid, { type: 'NOTE', occurredAt: '2026-04-30T23:59:59.999Z' })).toEqual({ code: 'BAD_USER_INPUT', field: 'occurredAt' });
    expect(planEvent(laid, { type: 'NOTE', occurredAt: '2026-05-01T00:00:00.000Z' }, now).occurredAt).toEqual(laid.lastEventAt);
  });

  it('refuses a first event before the session started but accepts the same instant', () => {
    expect(refusal(active, { type: 'INTRODUCED', occurredAt: '2026-03-31T23:59:59.999Z' })).toEqual({ code: 'BAD_USER_INPUT', field: 'occurredAt' });
    expect(planEvent(active, { type: 'INTRODUCED', occurredAt: started.toISOString() }, now).occurredAt).toEqual(started);
  });

  it('starts a session now by default, or earlier for a pairing recorded after the fact, never in the future', () => {
    expect(validStartedAt(undefined, now)).toEqual(now);
    expect(validStartedAt('2025-10-01T18:00:00Z', now)).toEqual(new Date('2025-10-01T18:00:00Z'));
    expect(rejectionOf(() => validStartedAt(new Date(now.getTime() + CLOCK_SKEW_MS + 1), now))).toEqual({ code: 'BAD_USER_INPUT', field: 'startedAt' });
    expect(rejectionOf(() => validStartedAt('last spring', now))).toEqual({ code: 'BAD_USER_INPUT', field: 'startedAt' });
  });

  it('never defaults to a time before the previous event, even from a clock that ran ahead', () => {
    const ahead = new Date(now.getTime() + 5_000);
    expect(planEvent({ ...active, lastEventAt: ahead }, { type: 'NOTE' }, now).occurredAt).toEqual(ahead);
  });

  it('trims notes, drops empty ones and refuses control characters and very long ones', () => {
    expect(validNotes('  first lock \n seen ')).toBe('first lock \n seen');
    expect(validNotes('   ')).toBeNull();
    expect(rejectionOf(() => validNotes('bell\u0007'))).toEqual({ code: 'BAD_USER_INPUT', field: 'notes' });
    expect(rejectionOf(() => validNotes('x'.repeat(2001)))).toEqual({ code: 'BAD_USER_INPUT', field: 'notes' });
  });
});
