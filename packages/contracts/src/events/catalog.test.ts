import { describe, expect, it } from 'vitest';
import { EVENT_CATALOG } from './catalog.js';

describe('the events catalog', () => {
  it('names every event <aggregate>.<pastTenseVerb> in camelCase, under its own name', () => {
    for (const [name, contract] of Object.entries(EVENT_CATALOG)) {
      expect(contract.name).toBe(name);
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
      expect(name.startsWith(`${contract.aggregate}.`)).toBe(true);
      expect(contract.producers.length).toBeGreaterThan(0);
    }
  });

  it('refuses a payload with a field its contract does not name', () => {
    const payload = {
      sessionId: '0190d7a4-0000-7000-8000-000000000001',
      sireId: '0190d7a4-0000-7000-8000-000000000002',
      damId: '0190d7a4-0000-7000-8000-000000000003',
      startedAt: '2026-01-15T10:00:00.000Z',
    };
    expect(EVENT_CATALOG['breedingSession.started'].payload.parse(payload)).toEqual(payload);
    expect(() => EVENT_CATALOG['breedingSession.started'].payload.parse({ ...payload, notes: 'private' })).toThrow();
  });

  it('still reads animal events written before statuses and LINEAGE existed, and reads the new ones', () => {
    const old = {
      id: '0190d7a4-0000-7000-8000-000000000001',
      externalId: null,
      name: 'Juniper',
      speciesId: 'ball-python',
      sex: 'FEMALE',
      visibility: 'PUBLIC',
      sireId: null,
      damId: null,
      changed: ['name'],
    };
    expect(EVENT_CATALOG['animal.updated'].payload.parse(old)).toEqual(old);
    const current = { ...old, visibility: 'LINEAGE', status: 'HOLDBACK', changed: ['status', 'visibility'] };
    expect(EVENT_CATALOG['animal.updated'].payload.parse(current)).toEqual(current);
    expect(() => EVENT_CATALOG['animal.updated'].payload.parse({ ...old, status: 'LOST' })).toThrow();
  });
});
