import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { depthLimit } from './depth-limit.js';

const schema = buildSchema(`type Query { animal: Animal } type Animal { name: String sire: Animal dam: Animal }`);
const errorsFor = (query: string, max = 5) => validate(schema, parse(query), [depthLimit(max)]).map((e) => e.message);

describe('depthLimit', () => {
  it('allows an operation at the limit and refuses one beyond it', () => {
    expect(errorsFor('{ animal { sire { sire { sire { sire { name } } } } } }', 5)).toEqual(['Query depth 6 exceeds the limit of 5']);
    expect(errorsFor('{ animal { sire { sire { sire { name } } } } }', 5)).toEqual([]);
  });

  it('counts inline fragments and fragment spreads where they are used', () => {
    const query = '{ animal { ...Deep } } fragment Deep on Animal { sire { ... on Animal { dam { sire { sire { name } } } } } }';
    expect(errorsFor(query, 5)).toEqual(['Query depth 6 exceeds the limit of 5']);
  });

  it('measures a fragment spread twice at every level without exponential work', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Animal { name }` : `fragment F${i} on Animal { sire { ...F${i + 1} } dam { ...F${i + 1} } }`,
    );
    // 2^40 paths: only memoised fragment depths make this finish.
    expect(errorsFor(`{ animal { ...F0 } } ${fragments.join(' ')}`, 32)).toEqual(['Query depth 41 exceeds the limit of 32']);
  });

  it('does not loop on fragment cycles (graphql reports those itself)', () => {
    expect(errorsFor('{ animal { ...A } } fragment A on Animal { sire { ...B } } fragment B on Animal { dam { ...A } }', 5)).toEqual([]);
  });
});
