import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin } from '../support/postgres.js';
import { daysAgo, START } from './breeding-client.js';
import { graphql } from '../__generated__/index.js';

// A stud service: the session owner pairs their female with another breeder's public male, whose
// owner later makes him private. The owner's lists and the session's own mutations keep working;
// the stud is shown as null (hidden), never named, and never breaks the rest of the answer.

const LIST = graphql(`
  query PrivateStudSessions {
    breedingSessions { edges { node { id status sire { id name } dam { id name } } } pageInfo { hasNextPage } }
  }
`);

const RECORD_WITH_PAIR = graphql(`
  mutation PrivateStudRecord($input: RecordBreedingEventInput!) {
    recordBreedingEvent(input: $input) { id type session { id sire { id name } dam { id name } } }
  }
`);

let owner: Member;
let sessionId: string;
let damId: string;

beforeAll(async () => {
  const studOwner = await newOrganization('Stud owner');
  owner = await newOrganization('Stud client');
  const stud = await createAnimal(studOwner, { name: 'Stud made private', sex: 'MALE', visibility: 'PUBLIC', hatchDate: '2017-01-01' });
  const female = await createAnimal(owner, { name: 'Client female', sex: 'FEMALE', hatchDate: '2019-01-01' });
  damId = female.id;
  const { startBreedingSession } = await gqlData(START, { input: { sireId: stud.id, damId, startedAt: daysAgo(365) } }, owner.token);
  sessionId = startBreedingSession.id;
  await gqlData(graphql(`mutation PrivateStudUpdateAnimal($id: ID!) { updateAnimal(id: $id, input: { visibility: PRIVATE }) { id } }`), { id: stud.id }, studOwner.token);
});

describe('a stud session whose sire its owner made private', () => {
  it("still lists for the session's owner, with the sire redacted and the dam shown", async () => {
    const result = await gql(LIST, {}, owner.token);
    expect(result.errors).toBeUndefined();
    expect(result.data?.breedingSessions.edges).toEqual([{ node: { id: sessionId, status: 'ACTIVE', sire: null, dam: { id: damId, name: 'Client female' } } }]);
    expect(JSON.stringify(result)).not.toContain('Stud made private');
  });

  it('is readable on its own, the sire redacted', async () => {
    const result = await gql(
      graphql(`query PrivateStudBreedingSession($id: ID!) { breedingSession(id: $id) { id sire { id } dam { id } } }`),
      { id: sessionId },
      owner.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ breedingSession: { id: sessionId, sire: null, dam: { id: damId } } });
  });

  it('answers a recorded event with its selection, so the client has no reason to retry', async () => {
    const result = await gql(RECORD_WITH_PAIR, { input: { sessionId, type: 'NOTE', notes: 'Checked on the female' } }, owner.token);
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordBreedingEvent).toMatchObject({ type: 'NOTE', session: { id: sessionId, sire: null, dam: { id: damId } } });
    const [{ n }] = await asAdmin('animal', 'select count(*)::int as n from breeding_events where session_id = $1', [sessionId]);
    expect(n).toBe(1);
  });
});
