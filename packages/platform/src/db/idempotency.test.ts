import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../tests/support/rejection.js';
import { idempotencyKeyOf } from './idempotency.js';

const fingerprintOf = (input: Record<string, unknown>) => idempotencyKeyOf('createAnimal', { idempotencyKey: 'k', ...input })!.fingerprint;

describe('idempotencyKeyOf', () => {
  it('is null without a key, so the write runs as it always did', () => {
    expect(idempotencyKeyOf('createAnimal', { name: 'A' } as { idempotencyKey?: string })).toBeNull();
    expect(idempotencyKeyOf('createAnimal', { idempotencyKey: null })).toBeNull();
  });

  it('fingerprints the input as parsed: field order, null and absent fields and the spelling of an instant do not matter', () => {
    const base = fingerprintOf({ name: 'A', sex: 'MALE', at: new Date('2026-05-01T10:00:00Z') });
    expect(fingerprintOf({ at: new Date('2026-05-01T10:00:00.000Z'), sex: 'MALE', name: 'A', sireId: null })).toBe(base);
    expect(fingerprintOf({ name: 'A', sex: 'MALE', at: new Date('2026-05-01T10:00:01Z') })).not.toBe(base);
    expect(fingerprintOf({ name: 'B', sex: 'MALE', at: new Date('2026-05-01T10:00:00Z') })).not.toBe(base);
  });

  it('leaves the key itself out of the fingerprint', () => {
    const one = { idempotencyKey: 'one', name: 'A' };
    const two = { idempotencyKey: 'two', name: 'A' };
    expect(idempotencyKeyOf('createAnimal', one)!.fingerprint).toBe(idempotencyKeyOf('createAnimal', two)!.fingerprint);
  });

  it('accepts 1 to 100 printable ASCII characters and refuses anything else, naming the field', () => {
    for (const key of ['a', '0f8c2a7e-3b1d-4e5f-9a6b-7c8d9e0f1a2b', 'order 42/eggs~', 'x'.repeat(100)]) {
      expect(idempotencyKeyOf('createAnimal', { idempotencyKey: key })?.key).toBe(key);
    }
    for (const key of ['', 'x'.repeat(101), 'nul\u0000', 'tab\t', 'del\u007f', 'caf\u00e9', '\ud800']) {
      expect(rejectionOf(() => idempotencyKeyOf('createAnimal', { idempotencyKey: key }))).toEqual({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    }
  });
});
