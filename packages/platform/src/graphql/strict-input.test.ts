import { createRequire } from 'node:module';
import { ApolloServer } from '@apollo/server';
import type { GraphQLFieldResolver, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateTimeScalar } from './scalars.js';
import { forbiddenCharacter, strictInputPlugin } from './strict-input.js';

// The build Apollo Server uses, as the subgraphs' and the gateway's schemas do.
const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const schema = buildSchema(`
  scalar DateTime
  type Query { search(text: String, ids: [ID!], filter: Filter, at: [DateTime!]): Boolean, node: Node }
  type Mutation { save(input: Filter!): Boolean }
  interface Node { child(text: String): Boolean }
  type Thing implements Node { child(text: String): Boolean }
  input Filter { name: String, tags: [String!], nested: Filter }
`);
// Every resolver records that it ran, so a test can tell a refusal before execution.
const record: GraphQLFieldResolver<unknown, { calls: unknown[] }> = (_parent, args, { calls }) => (calls.push(args), true);
for (const type of ['Query', 'Mutation', 'Thing']) {
  for (const field of Object.values((schema.getType(type) as GraphQLObjectType).getFields())) field.resolve = record;
}
(schema.getType('Query') as GraphQLObjectType).getFields().node.resolve = () => ({ __typename: 'Thing' });

async function run(query: string, variables: Record<string, unknown> = {}, httpStatus?: number) {
  const calls: unknown[] = [];
  // DateTime is only a name in this schema, as custom scalars are in the gateway's supergraph.
  const server = new ApolloServer<{ calls: unknown[] }>({ schema, plugins: [strictInputPlugin({ httpStatus, scalars: [DateTimeScalar] })] });
  await server.start();
  try {
    const response = await server.executeOperation({ query, variables }, { contextValue: { calls } });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, ...response.body.singleResult, calls };
  } finally {
    await server.stop();
  }
}

describe('which characters text may hold', () => {
  it.each(['plain', 'tab\there', 'lines\nand\r\nmore', 'é 🐍 中文', ''])('accepts %j', (text) => {
    expect(forbiddenCharacter(text)).toBeNull();
  });

  it.each([
    ['a\u0000b', 'U+0000', 1],
    ['\u0007bell', 'U+0007', 0],
    ['esc\u001B[0m', 'U+001B', 3],
    ['del\u007F', 'U+007F', 3],
    ['c1\u0085', 'U+0085', 2],
    ['lone \uD83D high', 'U+D83D', 5],
    ['lone \uDC0D low', 'U+DC0D', 5],
    ['\uDC0D\uD83D reversed pair', 'U+DC0D', 0],
  ])('refuses %j (%s at %i)', (text, codePoint, index) => {
    expect(forbiddenCharacter(text)).toEqual({ codePoint, index });
  });
});

describe('the strict input plugin', () => {
  it('lets clean strings through to the resolver', async () => {
    const result = await run('query($f: Filter) { search(filter: $f, ids: ["a", "b"]) }', { f: { name: 'Pastel\tclown', tags: ['x'] } });
    expect(result.errors).toBeUndefined();
    expect(result.calls).toHaveLength(1);
  });

  it.each([
    ['a literal argument', 'query { search(text: "bad\\u0000") }', {}, 'text'],
    ['a variable', 'query($t: String) { search(text: $t) }', { t: 'bad\u0000' }, 'text'],
    ['an ID in a list', 'query($ids: [ID!]) { search(ids: $ids) }', { ids: ['ok', 'ok', 'x\uD800'] }, 'ids[2]'],
    ['a field of an input object', 'query($f: Filter) { search(filter: $f) }', { f: { name: 'x\u0001' } }, 'filter.name'],
    ['a variable inside an input literal', 'query($n: String) { search(filter: { name: $n }) }', { n: '\u009B' }, 'filter.name'],
    ['a list in a nested input object', 'query($f: Filter) { search(filter: $f) }', { f: { nested: { tags: ['ok', '\u007F'] } } }, 'filter.nested.tags[1]'],
    ['a single value coerced to a list', 'query($f: Filter) { search(filter: $f) }', { f: { tags: 'lone\uDFFF' } }, 'filter.tags[0]'],
    ['an argument of a nested field', 'query($t: String) { node { child(text: $t) } }', { t: 'a\u0000' }, 'text'],
    ['an argument in a fragment', 'query($t: String) { node { ...F } } fragment F on Node { child(text: $t) }', { t: 'a\u0000' }, 'text'],
    ['a mutation input', 'mutation($i: Filter!) { save(input: $i) }', { i: { name: '\u0000' } }, 'input.name'],
  ])('refuses a forbidden character in %s before any resolver runs', async (_, query, variables, field) => {
    const result = await run(query, variables);
    expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(result.errors?.[0].message).toMatch(/tab, line feed and carriage return/);
    expect(result.calls).toEqual([]);
  });

  it.each([
    ['a variable', 'query($at: [DateTime!]) { search(at: $at) }', { at: ['2024-01-01T00:00:00Z', '2026-02-30T10:00:00Z'] }, 'at[1]'],
    ['a literal', 'query { search(at: "2026-01-15T24:00:00Z") }', {}, 'at[0]'],
  ])('refuses an impossible DateTime in %s with its field, by the scalar definition it was given', async (_, query, variables, field) => {
    const result = await run(query, variables);
    expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(result.errors?.[0].message).toMatch(/RFC 3339/);
    expect(result.calls).toEqual([]);
  });

  it('passes a DateTime that exists on as the client wrote it', async () => {
    const result = await run('query($at: [DateTime!]) { search(at: $at) }', { at: ['2024-02-29T10:00:00+02:00'] });
    expect(result.errors).toBeUndefined();
    expect(result.calls).toEqual([{ at: ['2024-02-29T10:00:00+02:00'] }]);
  });

  it('answers with the status it is given', async () => {
    expect((await run('query { search(text: "\\u0000") }', {}, 400)).status).toBe(400);
    expect((await run('query { search(text: "\\u0000") }', {}, 200)).status).toBe(200);
  });

  it('leaves variables that do not coerce to graphql-js', async () => {
    const result = await run('query($ids: [ID!]) { search(ids: $ids) }', { ids: [{}] });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/\$ids/);
  });
});
