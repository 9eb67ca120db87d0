import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphqlCjs } from '../realtime/graphql-cjs.js';
import { operationCost } from './operation-cost.js';

// The fields the cost table prices, as the supergraph declares them, and a few it does not.
const schema = graphqlCjs.buildSchema(/* GraphQL */ `
  directive @tag(name: String) repeatable on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT | QUERY
  type Query {
    animal(id: ID!): Animal
    animals(first: Int = 50): AnimalConnection!
    species: [Species!]!
    kinship(a: ID!, b: ID!): Float!
    predictOffspring(sire: GenotypeInput!, dam: GenotypeInput!): OffspringPrediction!
  }
  type AnimalConnection { edges: [AnimalEdge!]! pageInfo: PageInfo! }
  type AnimalEdge { cursor: String! node: Animal! }
  type PageInfo { hasNextPage: Boolean! }
  type Animal {
    id: ID!
    name: String!
    sire: Animal
    offspring: [Animal!]!
    descendants(generations: Int = 3): [Descendant!]!
    pedigree(generations: Int = 4): Pedigree!
    measurements: [Measurement!]!
  }
  type Descendant { generation: Int! animal: Animal! }
  type Pedigree { completeness: Float! nodes: [PedigreeNode!]! }
  type PedigreeNode { position: String! animal: Animal }
  type Measurement { value: Float! }
  type Species { id: ID! }
  input GenotypeInput { animalId: ID genotype: String }
  type OffspringPrediction { lethalProbability: Float! outcomes: [OffspringOutcome!]! }
  type OffspringOutcome { name: String! }
`);

function costOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const coerced = graphqlCjs.getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return operationCost(schema, document, operation, coerced.coerced);
}

describe('operationCost', () => {
  it('counts one per object and nothing for leaves', () => {
    expect(costOf('{ animal(id: "a") { id name sire { name } } }').cost).toBe(2);
  });

  it("multiplies a connection's edges by first, or by the schema's default for first", () => {
    expect(costOf('{ animals(first: 3) { edges { node { sire { name } } } pageInfo { hasNextPage } } }').cost).toBe(1 + 3 + 3 + 3 + 1);
    expect(costOf('{ animals { edges { node { name } } } }').cost).toBe(1 + 50 + 50);
    expect(costOf('query($n: Int) { animals(first: $n) { edges { node { name } } } }', { n: 7 }).cost).toBe(1 + 7 + 7);
  });

  it('prices a list without a bound at ten items', () => {
    expect(costOf('{ animal(id: "a") { measurements { value } } }').cost).toBe(1 + 10);
  });

  it('prices pedigree nodes at 2^(g+1) − 2 per root, up to twice the position cap, and counts them as pedigree nodes', () => {
    const five = costOf('{ animal(id: "a") { pedigree(generations: 5) { nodes { position } } } }');
    expect(five).toMatchObject({ pedigreeNodes: 62, cost: 1 + 5 + 62 });
    const withAnimals = costOf('query($g: Int) { animals(first: 100) { edges { node { pedigree(generations: $g) { nodes { animal { name } } } } } } }', { g: 12 });
    expect(withAnimals.pedigreeNodes).toBe(100 * 8190);
    expect(withAnimals.cost).toBe(1 + 100 + 100 + 100 * (12 + 8190 * 2));
    expect(costOf('{ animal(id: "a") { pedigree(generations: 30) { nodes { position } } } }').pedigreeNodes).toBe(32_768);
    // completeness alone lists no position
    expect(costOf('{ animal(id: "a") { pedigree(generations: 30) { completeness } } }')).toMatchObject({ pedigreeNodes: 0, cost: 1 + 30 });
  });

  it('prices descendants and offspring by the subgraph cap of 10,000', () => {
    expect(costOf('{ animal(id: "a") { descendants(generations: 2) { animal { id } } } }').cost).toBe(1 + 10_000 + 10_000);
    expect(costOf('{ animal(id: "a") { offspring { id } } }').cost).toBe(1 + 10_000);
  });

  it('prices predictOffspring by the genes written on both sides, and an animal at the cap', () => {
    const written = costOf('{ predictOffspring(sire: { genotype: "Pastel Het Clown" }, dam: { genotype: "Clown 66% Het Piebald" }) { outcomes { name } } }');
    expect(written.cost).toBe(10 * 16 + 16); // four genes: at most 2^4 genotypes
    const seven = 'Pastel Enchi Cinnamon Fire Leopard Het Clown Het Piebald';
    const bomb = costOf(
      `query($g: String) { ${Array.from({ length: 100 }, (_, i) => `p${i}: predictOffspring(sire: { genotype: $g }, dam: { genotype: $g }) { lethalProbability }`).join(' ')} }`,
      { g: seven },
    );
    expect(bomb).toMatchObject({ cost: 100 * 10 * 4096, aliases: 100 });
    expect(costOf('{ predictOffspring(sire: { animalId: "a" }, dam: { genotype: "Normal" }) { lethalProbability } }').cost).toBe(10 * 4096);
  });

  it('counts kinship fields as pairs', () => {
    expect(costOf('{ a: kinship(a: "x", b: "y") b: kinship(a: "x", b: "z") }')).toMatchObject({ pairs: 2, cost: 200, aliases: 2 });
  });

  it('counts aliases and directives inside fragments where they are spread', () => {
    const query = '{ a: animal(id: "a") { ...F } b: animal(id: "b") { ...F @tag } } fragment F on Animal { n: name @tag @tag s: sire { name } }';
    expect(costOf(query)).toMatchObject({ aliases: 2 + 2 * 2, directives: 1 + 2 * 2, cost: 2 * 2 });
  });

  it('prices a fragment spread twice at every level once per level, not once per path', () => {
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Animal { name }` : `fragment F${i} on Animal { sire { ...F${i + 1} } x: sire { ...F${i + 1} } }`,
    );
    // 2^30 paths, each an object: the price is exact, and computing it takes 30 steps.
    expect(costOf(`{ animal(id: "a") { ...F0 } } ${fragments.join(' ')}`).cost).toBe(2 ** 30 - 1);
  });

  it('skips introspection, which the gateway answers from its own schema', () => {
    expect(costOf('{ __schema { types { name fields { name } } } species { id } }').cost).toBe(10);
  });
});
