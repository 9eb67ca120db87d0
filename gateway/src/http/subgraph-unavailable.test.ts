import { describe, expect, it } from 'vitest';
import { unavailableResponse } from './subgraph-unavailable.js';

const paths = (request: Parameters<typeof unavailableResponse>[0]) => unavailableResponse(request).errors.map((error) => error.path);

describe('unavailableResponse', () => {
  it('points at every root field a plain fetch asked for, by response name', () => {
    expect(paths({ query: '{ listing(id: "1") { price } mine: listings { edges { node { id } } } __typename }' })).toEqual([['listing'], ['mine']]);
  });

  it('points at each entity field, per representation, through inline and named fragments of its type only', () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Animal { listing { price } } ...OnUser } } fragment OnUser on User { name email: mail }`;
    const representations = [
      { __typename: 'Animal', id: 'a' },
      { __typename: 'User', id: 'u' },
      { __typename: 'Animal', id: 'b' },
    ];
    expect(paths({ query, variables: { representations } })).toEqual([
      ['_entities', 0, 'listing'],
      ['_entities', 1, 'name'],
      ['_entities', 1, 'email'],
      ['_entities', 2, 'listing'],
    ]);
  });

  it('still reports the outage when only __typename was asked for', () => {
    expect(unavailableResponse({ query: '{ __typename }' }).errors).toEqual([
      { message: expect.any(String), extensions: { code: 'SUBGRAPH_UNAVAILABLE', retryable: true } },
    ]);
  });
});
