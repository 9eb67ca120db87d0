import { describe, expect, it } from 'vitest';
import { gql, newOrganization } from '../support/gateway-client.js';

describe('query limits at the gateway', () => {
  it('refuses an operation nested deeper than the limit before any subgraph is asked', async () => {
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

  it('still answers a ten-generation sire line', async () => {
    const member = await newOrganization('Depth');
    let selection = 'name';
    for (let i = 0; i < 10; i++) selection = `sire { ${selection} }`;
    const result = await gql(`{ animals(first: 1) { edges { node { ${selection} } } } }`, {}, member.token);
    expect(result.errors).toBeUndefined();
  });
});
