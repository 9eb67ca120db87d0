import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { combineResolvers, readSdlFolder, resolverProblems } from '@studbook/platform';
import { subgraphNames } from './resolver-maps.js';

describe.each(subgraphNames())('the %s subgraph resolver map', (subgraph) => {
  it('resolves every root field once, and only fields its SDL has', async () => {
    const { resolverModules, scalars } = await import(`../subgraphs/${subgraph}/src/__generated__/resolvers.ts`);
    const schema = buildSubgraphSchema({ typeDefs: parse(readSdlFolder(`schema/${subgraph}`)) });
    expect(resolverProblems(schema, resolverModules, scalars)).toEqual([]);
  });
});

describe('combining modules', () => {
  const schema = buildSubgraphSchema({ typeDefs: parse('type Query { a: Int b: Int } type Thing { x: Int }') });

  it('refuses a field two modules resolve, naming both', () => {
    expect(() => combineResolvers({ one: { Query: { a: () => 1 } }, two: { Query: { a: () => 2 } } })).toThrow('Query.a is resolved by both the one and the two module');
  });

  it('reports root fields without a resolver and resolvers the schema lacks', () => {
    expect(resolverProblems(schema, { one: { Query: { a: () => 1, c: () => 3 }, Thing: { y: () => 1 }, Nope: {} } }, {})).toEqual([
      'one: Query.c is not in the schema',
      'one: Thing.y is not in the schema',
      'one: Nope is not an object type of the schema',
      'Query.b has no resolver',
    ]);
  });
});
