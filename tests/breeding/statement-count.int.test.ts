import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createIdentitySigner, IDENTITY_HEADER, SQL_STATEMENTS_METRIC } from '@studbook/platform';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { dataAt, type VariablesAndToken } from '../support/operations.js';
import { graphql } from '../__generated__/index.js';
import type { TypedDocumentString } from '../__generated__/graphql.js';

/** A breeding event as the `_entities` query below selects it (the subgraph's own schema, which codegen does not type). */
interface EntityEvent {
  id: string;
  session: { sire: { name: string }; clutch: { eggCount: number } };
}

// A platform of its own, so its statement counters see only this file's requests.
let platform: RunningPlatform;
let token: string;
let organizationId: string;
let userId: string;
const small = { sessionId: '', eventIds: [] as string[] };
const large = { sessionId: '', eventIds: [] as string[] };

const data = <R, V>(document: TypedDocumentString<R, V>, variables: V) => dataAt(platform.gatewayUrl, document, ...([variables, token] as VariablesAndToken<V>));
const animalStatements = () => platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' });

/**
 * How many SQL statements the animal subgraph ran to answer one request: the fewest of three runs,
 * since the pool's counter also sees background work (the outbox relay) that may land in a window.
 */
async function statementsFor(run: () => Promise<unknown>): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const before = animalStatements();
    await run();
    counts.push(animalStatements() - before);
  }
  return Math.min(...counts);
}

/** The gateway's view of the animal subgraph: `_entities`, as it resolves each subscription delivery. */
async function entities(representations: { __typename: string; id: string }[]) {
  const identity = await createIdentitySigner(inject('identityPrivateKey')).sign({ kind: 'user', userId, organizationId, role: 'OWNER' });
  const response = await fetch(platform.subgraphUrls.animal, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: identity },
    body: JSON.stringify({
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on BreedingEvent { id type cursor session { id status sire { name } dam { name } clutch { eggCount hatchRate } } } } }`,
      variables: { r: representations },
    }),
  });
  const body = (await response.json()) as { data: { _entities: EntityEvent[] }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data._entities;
}

async function sessionWithEvents(into: typeof small, count: number) {
  const parents = await Promise.all(
    (['MALE', 'FEMALE'] as const).map((sex) =>
      data(graphql(`mutation CountedAnimal($i: CreateAnimalInput!) { createAnimal(input: $i) { id } }`), {
        i: { name: `Counted ${sex} ${count}`, species: 'Ball python', sex },
      }),
    ),
  );
  const started = await data(graphql(`mutation CountedSession($i: StartBreedingSessionInput!) { startBreedingSession(input: $i) { id } }`), {
    i: { sireId: parents[0].createAnimal.id, damId: parents[1].createAnimal.id },
  });
  into.sessionId = started.startBreedingSession.id;
  for (let i = 0; i < count; i++) {
    const input = i === 0 ? { type: 'EGGS_LAID' as const, eggCount: 6 } : { type: 'NOTE' as const, notes: `note ${i}` };
    const recorded = await data(graphql(`mutation CountedEvent($i: RecordBreedingEventInput!) { recordBreedingEvent(input: $i) { id } }`), {
      i: { sessionId: into.sessionId, ...input },
    });
    into.eventIds.push(recorded.recordBreedingEvent.id);
  }
}

beforeAll(async () => {
  platform = await startCountingPlatform('breeding-statement-count');
  const signUp = await dataAt(
    platform.gatewayUrl,
    graphql(`mutation BreedingStatementCountSignUp($input: SignUpInput!) { signUp(input: $input) { token user { id organization { id } } } }`),
    {
      input: { email: `breeding-counter-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Counter', organizationName: 'Counting Reptiles' },
    },
  );
  token = signUp.signUp.token;
  userId = signUp.signUp.user.id;
  organizationId = signUp.signUp.user.organization.id;
  await sessionWithEvents(small, 5);
  await sessionWithEvents(large, 50);
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

describe('breeding reads are batched', () => {
  it("resolve 50 events' sessions, pairs and clutches as entities in as many statements as 5", async () => {
    const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'BreedingEvent', id }));
    await entities(reps(small.eventIds)); // warm up connections
    const five = await statementsFor(() => entities(reps(small.eventIds)));
    let resolved: EntityEvent[] = [];
    const fiftyFive = await statementsFor(async () => (resolved = await entities(reps([...large.eventIds, ...small.eventIds]))));
    expect(resolved).toHaveLength(55);
    expect(resolved.every((event) => event.session.sire.name.startsWith('Counted') && event.session.clutch.eggCount === 6)).toBe(true);
    expect(fiftyFive).toBe(five);
    // One round trip (the read, with the tenant set ahead of it) per batch: events, their sessions with clutches, sires and dams.
    expect(fiftyFive).toBeLessThanOrEqual(3);
  });

  it("resolve a session's 50 events, each with its session and clutch, in as many statements as 5", async () => {
    const query = (id: string) => () =>
      data(
        graphql(
          `query CountedSessionEvents($id: ID!) { breedingSession(id: $id) { events { id cursor session { id status clutch { eggCount } } } sire { name } dam { name } } }`,
        ),
        { id },
      );
    const five = await statementsFor(query(small.sessionId));
    const fifty = await statementsFor(query(large.sessionId));
    expect(fifty).toBe(five);
    expect(fifty).toBeLessThanOrEqual(3);
  });

  it('list sessions with their clutches and events without a read per session', async () => {
    const fifty = await statementsFor(() =>
      data(
        graphql(
          `query CountedSessions { breedingSessions(first: 50) { edges { node { id clutch { eggCount hatchlings { id } } events { id } sire { name } dam { name } } } } }`,
        ),
        {},
      ),
    );
    // The page (with clutches), every session's events, the parents, the hatchlings.
    expect(fifty).toBeLessThanOrEqual(4);
  });
});
