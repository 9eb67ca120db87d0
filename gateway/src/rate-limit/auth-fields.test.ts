import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { countAuthFields } from './auth-fields.js';

const count = (query: string) => countAuthFields(parse(query));

describe('credential-trying fields of a document', () => {
  it('counts each root signUp, signIn and acceptInvitation, aliases each', () => {
    expect(count('{ me { id } animals(first: 1) { edges { node { id } } } }')).toBe(0);
    expect(count('mutation { signIn(email: "a", password: "b") { token } }')).toBe(1);
    const aliased = Array.from({ length: 10 }, (_, i) => `a${i}: signIn(email: "a", password: "${i}") { token }`).join(' ');
    expect(count(`mutation { ${aliased} }`)).toBe(10);
    expect(count('mutation { a: signUp(input: {}) { token } b: acceptInvitation(token: "t") { role } createAnimal(input: {}) { id } }')).toBe(2);
  });

  it('finds them through fragments and inline fragments, and in every operation of the document', () => {
    const document = `
      mutation One { ...Attempts ... on Mutation { signIn(email: "a", password: "b") { token } } }
      mutation Two { ...Attempts ...Attempts }
      fragment Attempts on Mutation { x: signIn(email: "a", password: "c") { token } y: signIn(email: "a", password: "d") { token } }
    `;
    expect(count(document)).toBe(3 + 4);
  });

  it('does not count nested fields of the same name, and stays cheap on fragment fan-outs and cycles', () => {
    expect(count('{ me { signIn: id } }')).toBe(0);
    const levels = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Mutation { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const fanOut = `mutation { ...F0 } ${levels} fragment F40 on Mutation { signIn(email: "a", password: "b") { token } }`;
    expect(count(fanOut)).toBe(2 ** 40);
    expect(count('mutation { ...A } fragment A on Mutation { ...B signIn(email: "a", password: "b") { token } } fragment B on Mutation { ...A }')).toBe(1);
  });
});
