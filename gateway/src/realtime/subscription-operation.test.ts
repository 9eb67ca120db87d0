import { describe, expect, it } from 'vitest';
import { parse, type GraphQLError } from 'graphql';
import { animalUpdated } from '@studbook/contracts/events';
import { depthLimit } from '../validation/depth-limit.js';
import { graphqlCjs } from './graphql-cjs.js';
import { eventFromResult, eventQueryVariables, prepareSubscription, type PreparedSubscription } from './subscription-operation.js';
import { SUBSCRIPTIONS } from './subscriptions/index.js';
import { defineSubscriptionField } from './subscription-field.js';
import { subscriptionRegistry } from './subscription-registry.js';

const schema = graphqlCjs.buildSchema(/* GraphQL */ `
  type Query { breedingEvent(id: ID!): BreedingEvent }
  type Subscription { breedingSessionEvents(sessionId: ID!, after: String): BreedingEvent! }
  type BreedingEvent { id: ID! cursor: String! type: String! session: Session! }
  type Session { id: ID! dam: Animal! }
  type Animal { name: String! sire: Animal measurements(trait: String): [Float!]! }
`);

const prepare = (query: string, variables: Record<string, unknown> = {}, maxDepth = 8) =>
  prepareSubscription(SUBSCRIPTIONS, schema, parse(query), variables, undefined, [depthLimit(maxDepth)]);

describe('prepareSubscription', () => {
  it('reads each event with the subscriber selection under breedingEvent(id), keeping only the variables it uses', () => {
    const prepared = prepare(
      `subscription Live($s: ID!, $a: String, $trait: String) {
        live: breedingSessionEvents(sessionId: $s, after: $a) { type session { dam { ...Dam } } }
      }
      fragment Dam on Animal { name measurements(trait: $trait) }`,
      { s: 'session-1', a: 'cursor-3', trait: 'weight' },
    ) as PreparedSubscription;
    expect(prepared).toMatchObject({ aggregateId: 'session-1', after: 'cursor-3', responseKey: 'live', eventVariables: { trait: 'weight' } });
    expect(prepared.eventQuery.replace(/\s+/g, ' ')).toBe(
      'query StudbookBreedingEvent($studbookEventId_: ID!, $trait: String) { studbookEvent_: breedingEvent(id: $studbookEventId_) { studbookCursor_: cursor type session { dam { ...Dam } } } } fragment Dam on Animal { name measurements(trait: $trait) }',
    );
    expect(eventQueryVariables(prepared, 'event-9')).toEqual({ trait: 'weight', studbookEventId_: 'event-9' });
    // The selection used for the read is valid against the schema.
    expect(graphqlCjs.validate(schema, parse(prepared.eventQuery))).toEqual([]);
  });

  it('gives the event back under the client key, without the cursor the gateway added', () => {
    expect(eventFromResult({ studbookEvent_: { studbookCursor_: 'c1', type: 'NOTE' } })).toEqual({ cursor: 'c1', event: { type: 'NOTE' } });
    expect(eventFromResult({ studbookEvent_: null })).toBeNull();
  });

  it('shares reads only between equal selections and variables', () => {
    const a = prepare('subscription($s: ID!) { breedingSessionEvents(sessionId: $s) { type } }', { s: 'one' }) as PreparedSubscription;
    const b = prepare('subscription($s: ID!) { breedingSessionEvents(sessionId: $s) { type } }', { s: 'two' }) as PreparedSubscription;
    const c = prepare('subscription($s: ID!) { breedingSessionEvents(sessionId: $s) { id } }', { s: 'one' }) as PreparedSubscription;
    expect(a.selectionKey).toBe(b.selectionKey);
    expect(a.selectionKey).not.toBe(c.selectionKey);
  });

  it('prepares any registered field the same way: its read, id argument and cursor come from its declaration', () => {
    const animalChanges = defineSubscriptionField({
      field: 'animalChanges',
      itemsLabel: 'Animal changes',
      event: animalUpdated,
      aggregateId: (args) => String(args.animalId),
      after: () => null,
      announced: ({ id }) => ({ id, last: false }),
      replay: { query: 'query { unused }', variables: () => ({}), items: () => [], notFound: 'Animal' },
      read: { field: 'animalChange', idArgument: 'changeId', cursorField: 'position' },
    });
    const toy = graphqlCjs.buildSchema(/* GraphQL */ `
      type Query { animalChange(changeId: String!): Change }
      type Subscription { animalChanges(animalId: ID!): Change! }
      type Change { position: String! name: String! }
    `);
    const prepared = prepareSubscription(
      subscriptionRegistry([animalChanges]),
      toy,
      parse('subscription { animalChanges(animalId: "a1") { name } }'),
      {},
      undefined,
      [],
    ) as PreparedSubscription;
    expect(prepared).toMatchObject({ field: animalChanges, aggregateId: 'a1', after: null, responseKey: 'animalChanges' });
    expect(prepared.eventQuery.replace(/\s+/g, ' ')).toBe(
      'query StudbookAnimalChange($studbookEventId_: String!) { studbookEvent_: animalChange(changeId: $studbookEventId_) { studbookCursor_: position name } }',
    );
  });

  it('rejects what a query would be rejected for: depth, unknown fields, bad variables', () => {
    const codes = (result: unknown) => (result as GraphQLError[]).map((error) => [error.extensions.code, error.message]);
    expect(
      codes(prepare(`subscription { breedingSessionEvents(sessionId: "s") { session { dam { sire { sire { sire { sire { sire { sire { name } } } } } } } } } }`)),
    ).toEqual([['GRAPHQL_VALIDATION_FAILED', 'Query depth 10 exceeds the limit of 8']]);
    expect(codes(prepare('subscription { breedingSessionEvents(sessionId: "s") { price } }'))[0][0]).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(codes(prepare('subscription($s: ID!) { breedingSessionEvents(sessionId: $s) { id } }', {}))[0][0]).toBe('BAD_USER_INPUT');
    expect(codes(prepare('subscription { breedingSessionEvents(sessionId: "s") { id } other: breedingSessionEvents(sessionId: "t") { id } }'))[0][0]).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });
});
