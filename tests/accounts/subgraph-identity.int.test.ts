import { createPrivateKey, createPublicKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createIdentitySigner, generateIdentityKeyPair, IDENTITY_HEADER } from '@studbook/platform';

const SUBGRAPHS = ['animal', 'commerce', 'research', 'user'] as const;
const OPERATIONS = {
  service: '{ _service { sdl } }',
  entities: '{ _entities(representations: [{ __typename: "Animal", id: "00000000-0000-0000-0000-000000000000" }]) { __typename } }',
};

/** A refusal or an answer, as these tests read it: raw HTTP to a subgraph or the gateway, whose schema codegen does not type. */
interface RawAnswer {
  data?: { _service?: { sdl: string }; me?: unknown } | null;
  errors: { extensions: { code: string } }[];
}

async function callSubgraph(name: (typeof SUBGRAPHS)[number], query: string, identityToken?: string) {
  const response = await fetch(inject('subgraphUrls')[name], {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(identityToken ? { [IDENTITY_HEADER]: identityToken } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as RawAnswer };
}

const user = { kind: 'user', userId: 'u-1', organizationId: '00000000-0000-4000-8000-000000000001', role: 'OWNER' } as const;
const userClaims = { kind: 'user', org: user.organizationId, role: 'OWNER' };

/** A token with the gateway's claims, signed however the caller likes. */
function gatewayLike(alg: string) {
  return new SignJWT(userClaims).setProtectedHeader({ alg }).setIssuer('studbook-gateway').setAudience('studbook-subgraphs').setSubject(user.userId);
}

describe.each(SUBGRAPHS)('the %s subgraph called directly', (name) => {
  it('rejects _service and _entities without an identity token', async () => {
    for (const query of Object.values(OPERATIONS)) {
      const { status, body } = await callSubgraph(name, query);
      expect(status).toBe(401);
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.data).toBeUndefined();
    }
  });

  it('rejects a token signed with another Ed25519 key', async () => {
    const forged = await createIdentitySigner(generateIdentityKeyPair().privateKey).sign(user);
    const { status, body } = await callSubgraph(name, OPERATIONS.service, forged);
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('rejects HS256 tokens keyed with the public key, which every subgraph holds (algorithm confusion)', async () => {
    const publicPem = inject('identityPublicKey');
    const publicKey = createPublicKey(publicPem);
    const secrets = [publicPem, publicPem.trim(), publicKey.export({ type: 'spki', format: 'der' }), Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')];
    for (const secret of secrets) {
      const confused = await gatewayLike('HS256')
        .setIssuedAt()
        .setExpirationTime('60s')
        .sign(typeof secret === 'string' ? new TextEncoder().encode(secret) : new Uint8Array(secret));
      expect((await callSubgraph(name, OPERATIONS.service, confused)).status).toBe(401);
    }
  });

  it('rejects an expired token signed with the gateway key', async () => {
    const past = Math.floor(Date.now() / 1000) - 120;
    const expired = await gatewayLike('EdDSA')
      .setIssuedAt(past - 60)
      .setExpirationTime(past)
      .sign(gatewayKey());
    expect((await callSubgraph(name, OPERATIONS.service, expired)).status).toBe(401);
  });

  it('rejects a token for another audience or from another issuer, or without an expiry, signed with the gateway key', async () => {
    const sign = (issuer: string, audience: string, expires: boolean) => {
      const jwt = new SignJWT(userClaims).setProtectedHeader({ alg: 'EdDSA' }).setIssuer(issuer).setAudience(audience).setSubject(user.userId).setIssuedAt();
      return (expires ? jwt.setExpirationTime('60s') : jwt).sign(gatewayKey());
    };
    for (const token of [
      await sign('studbook-gateway', 'some-other-service', true),
      await sign('someone-else', 'studbook-subgraphs', true),
      await sign('studbook-gateway', 'studbook-subgraphs', false),
    ]) {
      expect((await callSubgraph(name, OPERATIONS.service, token)).status).toBe(401);
    }
  });

  it('rejects an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        kind: 'user',
        sub: user.userId,
        org: user.organizationId,
        role: 'OWNER',
        iss: 'studbook-gateway',
        aud: 'studbook-subgraphs',
        iat: Math.floor(Date.now() / 1000),
        exp: 9_999_999_999,
      }),
    ).toString('base64url');
    expect((await callSubgraph(name, OPERATIONS.service, `${header}.${payload}.`)).status).toBe(401);
  });

  it('answers a request carrying a valid gateway-signed token', async () => {
    const token = await createIdentitySigner(inject('identityPrivateKey')).sign(user);
    const { status, body } = await callSubgraph(name, OPERATIONS.service, token);
    expect(status).toBe(200);
    expect(body.data!._service!.sdl).toContain('@key');
  });
});

describe('VIEWER members', () => {
  const someId = '00000000-0000-4000-8000-0000000000aa';
  const MUTATIONS = [
    ['animal', 'mutation { createAnimal(input: { name: "Nope", species: "Ball python", sex: MALE }) { id } }'],
    ['animal', `mutation { updateAnimal(id: "${someId}", input: { name: "Nope" }) { id } }`],
    ['animal', `mutation { deleteAnimal(id: "${someId}") }`],
    ['commerce', `mutation { createListing(input: { animalId: "${someId}", price: 10, currency: "EUR" }) { id } }`],
    ['research', `mutation { recordMeasurement(input: { animalId: "${someId}", trait: "weight", value: 1, unit: "kg" }) { id } }`],
  ] as const;

  it.each(MUTATIONS)('cannot change data in %s: %s', async (subgraph, mutation) => {
    const token = await createIdentitySigner(inject('identityPrivateKey')).sign({ ...user, role: 'VIEWER' });
    const { body } = await callSubgraph(subgraph, mutation, token);
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(body.data).toBeNull();
  });
});

describe('bearer tokens at the gateway', () => {
  it('refuses an unknown token and a malformed header with UNAUTHENTICATED', async () => {
    for (const authorization of ['Bearer ' + 'x'.repeat(43), 'Basic dXNlcjpwYXNz']) {
      const response = await fetch(inject('gatewayUrl'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      const body = (await response.json()) as RawAnswer;
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.data?.me ?? null).toBeNull();
    }
  });
});

function gatewayKey() {
  return createPrivateKey(inject('identityPrivateKey'));
}
