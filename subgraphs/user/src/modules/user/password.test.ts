import { describe, expect, it } from 'vitest';
import { legacyScryptHash } from './legacy-scrypt.fixture.js';
import { hashPassword, needsRehash, verifyPassword } from './password.js';

describe('password hashes', () => {
  it('are Argon2id PHC strings with OWASP parameters and a fresh salt each time', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse battery!', a)).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('verify legacy scrypt hashes, which then need a rehash', async () => {
    const legacy = legacyScryptHash('correct horse battery');
    expect(await verifyPassword('correct horse battery', legacy)).toBe(true);
    expect(await verifyPassword('correct horse batterY', legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });

  it('treat the same text in another Unicode form as the same password', async () => {
    const composed = 'caf\u00e9-au-lait-noir';
    const decomposed = 'cafe\u0301-au-lait-noir';
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
    expect(await verifyPassword(decomposed, legacyScryptHash(composed))).toBe(true);
  });

  it('never match a malformed or foreign hash', async () => {
    for (const stored of [
      '',
      'scrypt$unused',
      'scrypt$1099511627776$8$1$c2FsdA$aGFzaA',
      '$argon2id$garbage',
      '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA',
      'plain text',
    ]) {
      expect(await verifyPassword('anything at all', stored), stored).toBe(false);
    }
    expect(needsRehash('$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA')).toBe(true);
  });
});
