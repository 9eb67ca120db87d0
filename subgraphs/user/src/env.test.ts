import { describe, expect, it } from 'vitest';
import { generateIdentityKeyPair } from '@studbook/platform';
import { userEnv } from './env.js';

const base = { IDENTITY_PUBLIC_KEY: generateIdentityKeyPair().publicKey };
const key = Buffer.alloc(32, 1).toString('base64');

describe('userEnv', () => {
  it('accepts a development start without keys, and a key ring with an active key', () => {
    expect(userEnv(base).PROFILE_ENCRYPTION_KEYS).toBeUndefined();
    expect(userEnv({ ...base, PROFILE_ENCRYPTION_KEYS: `k1:${key},k2:${key}`, PROFILE_ENCRYPTION_ACTIVE_KEY: 'k1' }).PROFILE_ENCRYPTION_ACTIVE_KEY).toBe('k1');
  });

  it('refuses production without keys, and malformed key rings', () => {
    expect(() => userEnv({ ...base, NODE_ENV: 'production' })).toThrow(/PROFILE_ENCRYPTION_KEYS: required in production/);
    expect(() => userEnv({ ...base, PROFILE_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => userEnv({ ...base, PROFILE_ENCRYPTION_KEYS: `k1:${key}`, PROFILE_ENCRYPTION_ACTIVE_KEY: 'k9' })).toThrow(/not in the key ring/);
  });
});
