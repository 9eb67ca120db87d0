import { describe, expect, inject, it } from 'vitest';
import { createAnimal, gql, newOrganization } from '../support/gateway-client.js';
import type { GraphQLResponse } from '../../embedded/src/graphql-client.js';

/** An animal and its line of sires, as deep as a query selects it. */
interface Ancestor {
  name?: string;
  sire: Ancestor;
}

describe('query limits at the gateway', () => {
  it('refuses an operation nested deeper than the limit', async () => {
    const member = await newOrganization('Depth');
    let selection = 'id';
    for (let i = 0; i < 40; i++) selection = `sire { ${selection} }`;
    const result = await gql(`{ animals(first: 1) { edges { node { ${selection} } } } }`, {}, member.token);
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toMatch(/depth \d+ exceeds the limit of 32/);
  });

  it('counts fragments where they are spread', async () => {
    const member = await newOrganization('Depth');
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Animal { sire { ${i === 39 ? 'id' : `...F${i + 1}`} } }`).join('\n');
    const result = await gql(`{ animals(first: 1) { edges { node { ...F0 } } } }\n${fragments}`, {}, member.token);
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('still answers a ten-generation sire line, resolved to the founder', async () => {
    const member = await newOrganization('Depth');
    let sireId: string | undefined;
    for (let generation = 0; generation <= 10; generation++) {
      const animal = await createAnimal(member, { name: `Generation ${generation}`, sex: 'MALE', hatchDate: `${2000 + generation}-01-01`, sireId });
      sireId = animal.id;
    }
    let selection = 'name';
    for (let i = 0; i < 10; i++) selection = `sire { ${selection} }`;
    const result = await gql(`query($id: ID!) { animal(id: $id) { ${selection} } }`, { id: sireId }, member.token);
    expect(result.errors).toBeUndefined();
    // The selection is built at run time, which codegen cannot type.
    let ancestor = (result.data as { animal: Ancestor }).animal;
    for (let i = 0; i < 10; i++) ancestor = ancestor.sire;
    expect(ancestor).toEqual({ name: 'Generation 0' });
  });
});

describe('request bodies', () => {
  it('answers a body that is not JSON with a GraphQL-shaped 400 and no stack', async () => {
    const response = await fetch(inject('gatewayUrl'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ me { id } }"' });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({ errors: [{ message: 'Malformed request body', extensions: { code: 'BAD_REQUEST' } }] });
    expect(text).not.toMatch(/node_modules|at \w+ \(/);
  });

  it('refuses a body over 16 MB with 413', async () => {
    const response = await fetch(inject('gatewayUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(17 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as GraphQLResponse<unknown>).errors![0].message).toBe('Request body too large');
  });

  it('answers an operationName the document does not define with a 400 naming it', async () => {
    const response = await fetch(inject('gatewayUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Species { species { id } }', operationName: 'Pedigree' }),
    });
    const body = (await response.json()) as GraphQLResponse<unknown>;
    expect(response.status).toBe(400);
    expect(body.errors).toEqual([{ message: 'Unknown operation named "Pedigree".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }]);
  });
});
