import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { tenantFootprint } from '../support/postgres.js';
import { animalSubgraphAs, daysAgo, newPair, record, RECORD, SESSION, START } from './breeding-client.js';
import { graphql } from '../__generated__/index.js';

let owner: Member;
let outsider: Member;
let sessionId: string;
let eventId: string;
let clutchId: string;
/** A valid pair of the owner's, made before any footprint is taken. */
let sparePair: { sireId: string; damId: string };

beforeAll(async () => {
  [owner, outsider] = await Promise.all([newOrganization('Session owner'), newOrganization('Session outsider')]);
  const { startBreedingSession } = await gqlData(START, { input: { ...(await newPair(owner, 'Private')), startedAt: daysAgo(365) } }, owner.token);
  sessionId = startBreedingSession.id;
  eventId = (await record(owner, sessionId, { type: 'EGGS_LAID', eggCount: 5, occurredAt: daysAgo(3) })).id;
  const { breedingSession } = await gqlData(SESSION, { id: sessionId }, owner.token);
  clutchId = breedingSession!.clutch!.id;
  sparePair = await newPair(owner, 'Spare');
});

// Sent to the animal subgraph itself, whose schema (not the gateway's) has _entities.
const ENTITIES = `
  query($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on BreedingSession { id status }
      ... on BreedingEvent { id type }
      ... on Clutch { id eggCount }
    }
  }
`;

/** The _entities answer of the subgraph's own schema, which the typed API schema does not have. */
const entitiesOf = (data: unknown) => (data as { _entities?: unknown } | null | undefined)?._entities;

describe('another organisation', () => {
  it('cannot see the session, its events or its clutch', async () => {
    const { breedingSession } = await gqlData(SESSION, { id: sessionId }, outsider.token);
    expect(breedingSession).toBeNull();
    const { breedingEvent } = await gqlData(graphql(`query OutsiderBreedingEvent($id: ID!) { breedingEvent(id: $id) { id } }`), { id: eventId }, outsider.token);
    expect(breedingEvent).toBeNull();
    const { breedingSessions } = await gqlData(graphql(`query OutsiderBreedingSessions { breedingSessions { edges { node { id } } } }`), {}, outsider.token);
    expect(breedingSessions.edges).toEqual([]);
  });

  it('gets null for its entity references, as the gateway resolves them for subscriptions', async () => {
    const representations = [
      { __typename: 'BreedingSession', id: sessionId },
      { __typename: 'BreedingEvent', id: eventId },
      { __typename: 'Clutch', id: clutchId },
    ];
    const theirs = await animalSubgraphAs(outsider, 'OWNER', ENTITIES, { representations });
    expect(entitiesOf(theirs.data)).toEqual([null, null, null]);
    const ours = await animalSubgraphAs(owner, 'VIEWER', ENTITIES, { representations });
    expect(entitiesOf(ours.data)).toEqual([
      { id: sessionId, status: 'ACTIVE' },
      { id: eventId, type: 'EGGS_LAID' },
      { id: clutchId, eggCount: 5 },
    ]);
  });

  it('cannot record an event on the session, and the attempt writes nothing anywhere', async () => {
    const before = await Promise.all([tenantFootprint('animal', owner.organizationId), tenantFootprint('animal', outsider.organizationId)]);
    const result = await gql(RECORD, { input: { sessionId, type: 'ENDED' } }, outsider.token);
    expect(result.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'sessionId' });
    expect(await Promise.all([tenantFootprint('animal', owner.organizationId), tenantFootprint('animal', outsider.organizationId)])).toEqual(before);
    const { breedingSession } = await gqlData(SESSION, { id: sessionId }, owner.token);
    expect(breedingSession!.status).toBe('ACTIVE');
  });
});

describe('a VIEWER of the owning organisation', () => {
  it('reads the session but cannot start one or record an event', async () => {
    const read = await animalSubgraphAs(owner, 'VIEWER', SESSION, { id: sessionId });
    expect(read.data?.breedingSession?.id).toBe(sessionId);

    const before = await tenantFootprint('animal', owner.organizationId);
    const recorded = await animalSubgraphAs(owner, 'VIEWER', RECORD, { input: { sessionId, type: 'NOTE', notes: 'viewer' } });
    expect(recorded.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const started = await animalSubgraphAs(owner, 'VIEWER', START, { input: sparePair });
    expect(started.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await tenantFootprint('animal', owner.organizationId)).toEqual(before);
  });
});

describe('a stud-service session whose stud its owner later makes private', () => {
  it('keeps the session readable, with the sire redacted (null) rather than named', async () => {
    const studOwner = await newOrganization('Private stud owner');
    const stud = await createAnimal(studOwner, { name: 'Soon private stud', sex: 'MALE', visibility: 'PUBLIC', hatchDate: '2017-01-01' });
    const female = await createAnimal(owner, { name: 'Client female', sex: 'FEMALE', hatchDate: '2019-01-01' });
    const { startBreedingSession } = await gqlData(START, { input: { sireId: stud.id, damId: female.id, startedAt: daysAgo(365) } }, owner.token);
    await gqlData(graphql(`mutation MakeStudPrivate($id: ID!) { updateAnimal(id: $id, input: { visibility: PRIVATE }) { id } }`), { id: stud.id }, studOwner.token);

    const { breedingSession } = await gqlData(
      graphql(`query StudSessionDam($id: ID!) { breedingSession(id: $id) { id status dam { name } } }`),
      { id: startBreedingSession.id },
      owner.token,
    );
    expect(breedingSession).toEqual({ id: startBreedingSession.id, status: 'ACTIVE', dam: { name: 'Client female' } });
    const withSire = await gql(
      graphql(`query StudSessionSire($id: ID!) { breedingSession(id: $id) { id sire { name } } }`),
      { id: startBreedingSession.id },
      owner.token,
    );
    expect(withSire.errors).toBeUndefined();
    expect(withSire.data?.breedingSession).toEqual({ id: startBreedingSession.id, sire: null });
    expect(JSON.stringify(withSire)).not.toContain('Soon private stud');

    // Its hatchlings cannot name the now-invisible sire, so registering them is refused; the eggs themselves are recorded.
    await record(owner, startBreedingSession.id, { type: 'EGGS_LAID', eggCount: 4, occurredAt: daysAgo(40) });
    const refused = await gql(RECORD, { input: { sessionId: startBreedingSession.id, type: 'HATCHED', hatchedCount: 4, registerHatchlings: 4 } }, owner.token);
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toMatch(/sire is no longer visible/);
  });
});
