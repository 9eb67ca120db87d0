import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphqlCjs } from '../realtime/graphql-cjs.js';
import { budgetError, documentShapeError, sourceBudgetError, type BudgetLimits } from './operation-budget.js';

const schema = graphqlCjs.buildSchema(`
  type Query { animal(id: ID!): Animal kinship(a: ID!, b: ID!): Float! species: [Species!]! }
  type Animal { name: String! offspring: [Animal!]! pedigree(generations: Int = 4): Pedigree! }
  type Pedigree { nodes: [PedigreeNode!]! }
  type PedigreeNode { position: String! }
  type Species { id: ID! }
`);

const limits: BudgetLimits = {
  maxCost: 30_000,
  maxAnonymousCost: 3_000,
  maxPedigreeNodes: 1_000,
  maxPairs: 2,
  maxAliases: 5,
  maxDirectives: 2,
  maxTokens: 200,
  maxDefinitions: 3,
  maxRepeatedFields: 2,
};

function refusal(query: string, { anonymous = false, variables = {} as Record<string, unknown> } = {}) {
  const document = parse(query);
  const error = documentShapeError(document, limits) ?? budgetError(schema, document, getOperationAST(document)!, variables, anonymous, limits);
  return error && { message: error.message, ...error.extensions };
}

describe('budgetError', () => {
  it('lets an operation within every limit through', () => {
    expect(refusal('{ animal(id: "a") { name } }')).toBeNull();
  });

  it('refuses over the cost limit with the cost and the limit; an anonymous caller has the smaller one', () => {
    const offspring = '{ animal(id: "a") { offspring { name } } }'; // 1 + 10,000
    expect(refusal(offspring)).toBeNull();
    expect(refusal(offspring, { anonymous: true })).toMatchObject({
      code: 'OPERATION_TOO_EXPENSIVE',
      cost: 10_001,
      limit: 3_000,
      message: expect.stringMatching(/sign in/),
    });
    expect(refusal('{ animal(id: "a") { offspring { offspring { name } } } }')).toMatchObject({
      code: 'OPERATION_TOO_EXPENSIVE',
      cost: 1 + 10_000 + 100_000_000,
      limit: 30_000,
    });
  });

  it('refuses more pedigree nodes or pairs than allowed, whatever the cost limit', () => {
    expect(refusal('query($g: Int) { animal(id: "a") { pedigree(generations: $g) { nodes { position } } } }', { variables: { g: 8 } })).toBeNull(); // 510 nodes
    expect(refusal('query($g: Int) { animal(id: "a") { pedigree(generations: $g) { nodes { position } } } }', { variables: { g: 9 } })).toMatchObject({
      code: 'OPERATION_TOO_EXPENSIVE',
      cost: 1022,
      limit: 1_000,
    });
    expect(refusal('{ a: kinship(a: "x", b: "y") b: kinship(a: "x", b: "y") c: kinship(a: "x", b: "y") }')).toMatchObject({
      code: 'OPERATION_TOO_EXPENSIVE',
      cost: 3,
      limit: 2,
    });
  });

  it('refuses too many aliases or directives with their own codes', () => {
    expect(refusal(`{ ${Array.from({ length: 6 }, (_, i) => `s${i}: species { id }`).join(' ')} }`)).toMatchObject({ code: 'TOO_MANY_ALIASES', cost: 6, limit: 5 });
    expect(refusal('{ species @skip(if: false) @include(if: true) { id @include(if: true) } }')).toMatchObject({ code: 'TOO_MANY_DIRECTIVES', cost: 3, limit: 2 });
  });

  it('refuses a document that repeats fields beside themselves, or defines too many operations and fragments, even in operations it does not run', () => {
    expect(refusal('{ species { id id } species { id } }')).toBeNull(); // two repeats: id, species
    expect(refusal('{ species { id id id } species { id } }')).toMatchObject({ code: 'DOCUMENT_TOO_COMPLEX', cost: 3, limit: 2 });
    // An inline fragment's fields merge into the set around it.
    expect(refusal('{ species { id } ... on Query { species { id } species { id } species { id } } }')).toMatchObject({
      code: 'DOCUMENT_TOO_COMPLEX',
      cost: 3,
      limit: 2,
    });
    // Operation B is not run, but validation would still compare its fields.
    const twoOperations = 'query A { species { id } } query B { species { id } species { id } species { id } species { id } }';
    expect(sourceBudgetError(schema, twoOperations, 'A', {}, false, limits)?.extensions).toMatchObject({ code: 'DOCUMENT_TOO_COMPLEX', cost: 3 });
    expect(sourceBudgetError(schema, twoOperations, undefined, {}, false, limits)?.extensions).toMatchObject({ code: 'DOCUMENT_TOO_COMPLEX', cost: 3 });
    expect(
      refusal('query A { species { id } } fragment F on Query { species { id } } fragment G on Query { species { id } } fragment H on Query { species { id } }'),
    ).toMatchObject({ code: 'DOCUMENT_TOO_COMPLEX', cost: 4, limit: 3 });
  });

  it('prices variables that do not fit the operation as null: the worst case', () => {
    const query = 'query($g: Int!) { animal(id: "a") { pedigree(generations: $g) { nodes { position } } } }';
    expect(refusal(query, { variables: { g: 'many' } })).toMatchObject({ code: 'OPERATION_TOO_EXPENSIVE', cost: 32_768, limit: 1_000 });
  });
});

describe('sourceBudgetError', () => {
  const fromSource = (source: string) => sourceBudgetError(schema, source, undefined, {}, false, limits)?.extensions ?? null;

  it("refuses a document over the token limit with a code of its own, recognising graphql-js' wording", () => {
    expect(fromSource(`{ ${'species { id } '.repeat(60)} }`)).toEqual({ code: 'TOO_MANY_TOKENS', limit: 200 });
  });

  it('prices a document before it is validated, and leaves syntax errors and unknown operations to the parser', () => {
    expect(fromSource('{ animal(id: "a") { offspring { offspring { name } } } }')).toMatchObject({ code: 'OPERATION_TOO_EXPENSIVE' });
    expect(fromSource('{ animal(id: "a") { offspring { unknownField { name } } } }')).toBeNull();
    expect(fromSource('{ species { id }')).toBeNull();
    expect(sourceBudgetError(schema, 'query A { species { id } }', 'B', {}, false, limits)).toBeNull();
  });
});
