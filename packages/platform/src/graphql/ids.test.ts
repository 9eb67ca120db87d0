import { describe, expect, it } from 'vitest';
import { isUuid, validId } from './ids.js';

const ID = '6f1c1f9e-4a59-4c7e-9a51-2b7d7f0e8c11';

describe('isUuid', () => {
  it.each([ID, ID.toUpperCase(), '00000000-0000-0000-0000-000000000000'])('accepts %s', (value) => {
    expect(isUuid(value)).toBe(true);
  });

  it.each(['', 'not-a-uuid', ID.slice(0, -1), `${ID}0`, ID.replaceAll('-', ''), ` ${ID}`, `${ID}\n`, ID.replace('6', 'g')])('rejects %j', (value) => {
    expect(isUuid(value)).toBe(false);
  });
});

describe('validId', () => {
  it('returns the id in lowercase form', () => {
    expect(validId(ID.toUpperCase(), 'animalId')).toBe(ID);
    expect(validId(ID, 'id')).toBe(ID);
  });

  it.each(['', 'animal-1', ID.slice(0, -1)])('rejects %j as BAD_USER_INPUT on the named field', (id) => {
    expect(() => validId(id, 'animalId')).toThrow(
      expect.objectContaining({ message: 'animalId must be a UUID', extensions: { code: 'BAD_USER_INPUT', field: 'animalId' } }),
    );
  });
});
