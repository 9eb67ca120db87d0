import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, FieldCipher } from './field-cipher.js';

const key = () => randomBytes(32).toString('base64');
const ada = { userId: 'user-1', field: 'phone' };

describe('FieldCipher', () => {
  it('round-trips text with a fresh IV each time, naming the key it used', () => {
    const { cipher, development } = createFieldCipher(`a:${key()}`, undefined);
    expect(development).toBe(false);
    const first = cipher.encrypt('+44 20 7946 0958', ada);
    const second = cipher.encrypt('+44 20 7946 0958', ada);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\.a\./);
    expect(cipher.decrypt(first, ada)).toBe('+44 20 7946 0958');
  });

  it('refuses a ciphertext presented for another user or field, or tampered with', () => {
    const { cipher } = createFieldCipher(`a:${key()}`, 'a');
    const stored = cipher.encrypt('secret', ada);
    expect(() => cipher.decrypt(stored, { ...ada, userId: 'user-2' })).toThrow();
    expect(() => cipher.decrypt(stored, { ...ada, field: 'address' })).toThrow();
    const parts = stored.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), ada)).toThrow();
  });

  it('decrypts old values after rotation and encrypts new ones with the active key', () => {
    const oldKey = key();
    const before = createFieldCipher(`old:${oldKey}`, 'old').cipher;
    const stored = before.encrypt('farm road 1', ada);
    const after = createFieldCipher(`old:${oldKey},new:${key()}`, 'new').cipher;
    expect(after.decrypt(stored, ada)).toBe('farm road 1');
    expect(after.encrypt('x', ada)).toMatch(/^v1\.new\./);
    expect(() => createFieldCipher(`new:${key()}`, 'new').cipher.decrypt(stored, ada)).toThrow(/key id "old"/);
  });

  it('uses the last listed key by default, and refuses bad key rings', () => {
    expect(createFieldCipher(`a:${key()},b:${key()}`, undefined).cipher.activeKeyId).toBe('b');
    expect(() => createFieldCipher(`a:${key()}`, 'b')).toThrow(/not in the key ring/);
    expect(() => createFieldCipher('a:c2hvcnQ=', undefined)).toThrow(/32 bytes/);
    expect(() => createFieldCipher('no-separator', undefined)).toThrow(/kid1:base64key/);
    // A repeated id would silently keep only one of the keys, and values written with the other would no longer decrypt.
    expect(() => createFieldCipher(`a:${key()},b:${key()}, a:${key()}`, 'b')).toThrow(/key id "a" is listed twice/);
    expect(() => new FieldCipher(new Map(), 'x')).toThrow();
  });

  it('falls back to a development key without configuration, and says so', () => {
    const { cipher, development } = createFieldCipher(undefined, undefined);
    expect(development).toBe(true);
    expect(cipher.activeKeyId).toBe('dev');
    expect(cipher.decrypt(cipher.encrypt('x', ada), ada)).toBe('x');
  });
});
