import { createIdentitySigner, createIdentityVerifier, generateIdentityKeyPair, type Identity } from '@studbook/platform';
import { describe, expect, it } from 'vitest';
import { reusingIdentityTokens } from './reused-identity-tokens.js';

const keys = generateIdentityKeyPair();
const ada: Identity = { kind: 'user', userId: 'u1', organizationId: 'o1', role: 'OWNER' };

describe('reusingIdentityTokens', () => {
  it("hands one caller the same token for a while, and never one caller another's", async () => {
    const signer = reusingIdentityTokens(createIdentitySigner(keys.privateKey), 60_000);
    const verifier = createIdentityVerifier(keys.publicKey);
    const first = await signer.sign(ada);
    expect(await signer.sign(ada)).toBe(first);
    const viewer = await signer.sign({ ...ada, role: 'VIEWER' });
    const otherOrganization = await signer.sign({ ...ada, organizationId: 'o2' });
    expect(new Set([first, viewer, otherOrganization]).size).toBe(3);
    expect(await verifier.verify(viewer)).toEqual({ ...ada, role: 'VIEWER' });
    expect(await verifier.verify(await signer.sign({ kind: 'anonymous' }))).toEqual({ kind: 'anonymous' });
  });

  it('signs afresh once the reuse window has passed', async () => {
    const signer = reusingIdentityTokens(createIdentitySigner(keys.privateKey), 0);
    const first = await signer.sign(ada);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // iat has a one-second resolution
    expect(await signer.sign(ada)).not.toBe(first);
  });
});
