import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { envSchemas, parseEnv } from '../env.js';
import { generateIdentityKeyPair } from './identity-keys.js';
import { createIdentitySigner, createIdentityVerifier } from './identity-token.js';

const shape = { IDENTITY_PRIVATE_KEY: envSchemas.identityPrivateKey, IDENTITY_PUBLIC_KEY: envSchemas.identityPublicKey };
const problemsOf = (source: Record<string, string>) => {
  try {
    parseEnv(shape, source);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('identity keys from configuration', () => {
  const keys = generateIdentityKeyPair();

  it('accepts an Ed25519 pair in PEM, also with its line breaks written as \\n on one line', async () => {
    const env = parseEnv(shape, { IDENTITY_PRIVATE_KEY: keys.privateKey.replace(/\n/g, '\\n'), IDENTITY_PUBLIC_KEY: keys.publicKey });
    const token = await createIdentitySigner(env.IDENTITY_PRIVATE_KEY).sign({ kind: 'service', service: 'gateway' });
    expect(await createIdentityVerifier(env.IDENTITY_PUBLIC_KEY).verify(token)).toEqual({ kind: 'service', service: 'gateway' });
  });

  it('lists every bad key at once, saying what is wrong without echoing the key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cases: [Record<string, string>, RegExp[]][] = [
      [{}, [/IDENTITY_PRIVATE_KEY: required: an Ed25519 private key in PEM/, /IDENTITY_PUBLIC_KEY: required: .*public key in PEM/]],
      [
        { IDENTITY_PRIVATE_KEY: 'a'.repeat(64), IDENTITY_PUBLIC_KEY: 'secret' },
        [/IDENTITY_PRIVATE_KEY: must be a PEM private key/, /IDENTITY_PUBLIC_KEY: must be a PEM public key/],
      ],
      [
        { IDENTITY_PRIVATE_KEY: keys.publicKey, IDENTITY_PUBLIC_KEY: keys.privateKey },
        [/got -----BEGIN PUBLIC KEY-----/, /IDENTITY_PUBLIC_KEY: .*give subgraphs only the public key/],
      ],
      [
        {
          IDENTITY_PRIVATE_KEY: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          IDENTITY_PUBLIC_KEY: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
        [/IDENTITY_PRIVATE_KEY: must be an Ed25519 private key, got rsa/, /IDENTITY_PUBLIC_KEY: must be an Ed25519 public key, got rsa/],
      ],
      [
        { IDENTITY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----', IDENTITY_PUBLIC_KEY: keys.publicKey },
        [/IDENTITY_PRIVATE_KEY: is not a readable PEM private key/],
      ],
    ];
    for (const [source, expected] of cases) {
      const problems = problemsOf(source);
      for (const pattern of expected) expect(problems).toMatch(pattern);
      expect(problems).not.toContain(keys.privateKey.split('\n')[1]);
    }
  });

  it('refuses to build a signer from the public key: holding it does not let a subgraph mint tokens', () => {
    expect(() => createIdentitySigner(keys.publicKey)).toThrow(/must be a PEM private key/);
  });
});
