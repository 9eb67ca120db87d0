import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it, inject } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization } from '../support/gateway-client.js';
import { asAdmin } from '../support/postgres.js';
import type { GraphQLResponse } from '../../embedded/src/graphql-client.js';
import { graphql } from '../__generated__/index.js';

const ME = graphql(`query HttpSemanticsMe { me { id } }`);

async function withAuthorization(authorization: string, query = ME) {
  const response = await fetch(inject('gatewayUrl'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: query.toString() }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, challenge: response.headers.get('www-authenticate'), body };
}

describe('credentials that do not name a live session', () => {
  it('answers every malformed, stale or foreign bearer token with 401, the RFC 6750 challenge and UNAUTHENTICATED', async () => {
    const { token } = await newOrganization('Signed out');
    await gqlData(graphql(`mutation HttpSemanticsSignOut { signOut }`), {}, token);
    const random = randomBytes(32).toString('base64url');
    const headers = [
      'Bearer',
      'Bearer ',
      'Bearer    ',
      `Bearer${random}`,
      'Bearer abc',
      `Bearer ${'a'.repeat(19)}`,
      `Bearer ${'a'.repeat(201)}`,
      `Bearer ${'a'.repeat(8_000)}`,
      `Bearer ${random.slice(0, 30)}+/${random.slice(30)}==`,
      `Bearer ${random.slice(0, 20)}.${random.slice(20)}`,
      `Bearer ${random.slice(0, 30)}é${random.slice(30)}`,
      `Bearer ${random.slice(0, 30)}🐍${random.slice(30)}`,
      `Bearer ${random}, Bearer ${random}`,
      `Bearer ${random} ${random}`,
      `Bearer ${token},${random}`,
      `Bearer "${random}"`,
      `Bearer ${token}`,
      `Bearer ${random}`,
      `bearer ${random}`,
      'Bearer null',
      'Bearer undefined',
      'Bearer <token from signIn>',
      `Bearer  ${random}`,
      `Bearer \t${random}`,
      `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    ];
    expect(headers.length).toBeGreaterThanOrEqual(22);
    const answers = await Promise.all(headers.map((header) => withAuthorization(encodeLatin1(header))));
    for (const [i, answer] of answers.entries()) {
      expect({
        header: headers[i].slice(0, 80),
        status: answer.status,
        challenge: answer.challenge,
        code: answer.body.errors?.[0]?.extensions?.code,
        data: answer.body.data,
      }).toEqual({
        header: headers[i].slice(0, 80),
        status: 401,
        challenge: 'Bearer realm="studbook", error="invalid_token"',
        code: 'UNAUTHENTICATED',
        data: undefined,
      });
    }
  });

  it('answers credentials of another scheme with 401 and a bare Bearer challenge (no token was presented)', async () => {
    for (const header of ['Basic ZGVtbzpzdHVkYm9vay1kZW1v', 'Digest username="demo"', `Token ${randomBytes(32).toString('base64url')}`, '']) {
      const answer = await withAuthorization(header);
      expect({ status: answer.status, challenge: answer.challenge, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({
        status: 401,
        challenge: 'Bearer realm="studbook"',
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('treats a request with no Authorization header as anonymous, and the scheme as case-insensitive (RFC 7235)', async () => {
    const anonymous = await gql(ME);
    expect(anonymous.status).toBe(200);
    expect(anonymous.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    const member = await newOrganization('Case');
    const lower = await withAuthorization(`bearer ${member.token}`);
    expect(lower.status).toBe(200);
    expect(lower.body.data).toEqual({ me: { id: member.userId } });
  });
});

describe('responses carry nothing internal outside errors', () => {
  it('reports a null in a non-null position as an error at its path, with no top-level extensions', async () => {
    // An animal whose owning organisation no longer exists: the user subgraph resolves its
    // owner to null, so the non-null Organization.name cannot complete and owner becomes null.
    const keeper = await newOrganization('Orphan');
    const animal = await createAnimal(keeper, { name: 'Orphaned pastel', visibility: 'PUBLIC' });
    await asAdmin('animal', 'update animals set tenant_id = $1 where id = $2', [randomUUID(), animal.id]);
    const viewer = await newOrganization('Viewer');
    const response = await fetch(inject('gatewayUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` },
      body: JSON.stringify({ query: 'query($id: ID!) { animal(id: $id) { name owner { name } } }', variables: { id: animal.id } }),
    });
    const body = (await response.json()) as GraphQLResponse<unknown> & { extensions?: unknown };
    expect(body.data).toEqual({ animal: { name: 'Orphaned pastel', owner: null } });
    expect(body.extensions).toBeUndefined();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['animal', 'owner', 'name'], extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
  });
});

/** fetch refuses header values outside Latin-1; a client's bytes arrive the same way. */
function encodeLatin1(header: string): string {
  return Buffer.from(header, 'utf8').toString('latin1');
}
