import { describe, expect, it } from 'vitest';
import { generateIdentityKeyPair } from './identity-keys.js';
import { createIdentitySigner, createIdentityVerifier } from './identity-token.js';

const keys = generateIdentityKeyPair();
const ada = { kind: 'user', userId: 'u1', organizationId: 'o1', role: 'MEMBER' } as const;

describe('identity token verification, remembered per token', () => {
  it('still refuses a token altered after its original verified', async () => {
    const verifier = createIdentityVerifier(keys.publicKey);
    const token = await createIdentitySigner(keys.privateKey).sign(ada);
    expect(await verifier.verify(token)).toEqual(ada);
    expect(await verifier.verify(token)).toEqual(ada);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'OWNER' })).toString('base64url');
    expect(await verifier.verify(`${header}.${promoted}.${signature}`)).toBeNull();
    expect(await verifier.verify(`${token}x`)).toBeNull();
  });

  it('refuses a remembered token once it has expired', async () => {
    const verifier = createIdentityVerifier(keys.publicKey, 1);
    const token = await createIdentitySigner(keys.privateKey, 1).sign(ada);
    expect(await verifier.verify(token)).toEqual(ada);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // exp has a one-second resolution
    expect(await verifier.verify(token)).toBeNull();
  });
});
