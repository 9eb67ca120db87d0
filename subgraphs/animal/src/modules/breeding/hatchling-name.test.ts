import { describe, expect, it } from 'vitest';
import { NAME_MAX_LENGTH } from '../animal/animal-input.js';
import { hatchlingName } from './breeding-service.js';

describe('hatchlingName', () => {
  it('names a hatchling after its dam, the year laid and its number', () => {
    expect(hatchlingName('Juniper (Pastel)', 2026, 3)).toBe('Juniper (Pastel) clutch 2026 #3');
  });

  it('shortens a long dam name so the whole stays a valid animal name', () => {
    const name = hatchlingName(`${'Very long dam name '.repeat(10)}`, 2026, 12);
    expect(name.length).toBeLessThanOrEqual(NAME_MAX_LENGTH);
    expect(name).toMatch(/^Very long dam name .*\S clutch 2026 #12$/);
  });
});
