import { inject } from 'vitest';
import { createIdentitySigner, IDENTITY_HEADER } from '@studbook/platform';
import { createAnimal, gql, gqlData, type Member } from '../support/gateway-client.js';
import type { Document } from '../support/operations.js';
import type { CreateAnimalInput, RecordBreedingEventInput, TypedDocumentString } from '../__generated__/graphql.js';
import { graphql } from '../__generated__/index.js';

export const START = graphql(`
  mutation Start($input: StartBreedingSessionInput!) {
    startBreedingSession(input: $input) { id status startedAt endedAt notes sire { id name } dam { id name } clutch { id } events { id } }
  }
`);

export const RECORD = graphql(`
  mutation Record($input: RecordBreedingEventInput!) {
    recordBreedingEvent(input: $input) { id cursor type occurredAt notes session { id status } }
  }
`);

export const SESSION = graphql(`
  query Session($id: ID!, $after: String) {
    breedingSession(id: $id) {
      id status startedAt endedAt notes
      sire { id name }
      dam { id name }
      events(after: $after) { id cursor type occurredAt notes }
      clutch { id laidAt eggCount fertileCount hatchedCount hatchRate hatchlings { id name sex hatchDate sire { id } dam { id } } }
    }
  }
`);

export interface Pair {
  sireId: string;
  damId: string;
}

/** A ball python pair of the member's organisation, hatched in 2018 and 2019. */
export async function newPair(member: Member, label = 'Pair', extra: Partial<CreateAnimalInput> = {}): Promise<Pair> {
  const [sire, dam] = await Promise.all([
    createAnimal(member, { name: `${label} sire`, sex: 'MALE', hatchDate: '2018-05-01', ...extra }),
    createAnimal(member, { name: `${label} dam`, sex: 'FEMALE', hatchDate: '2019-05-01', ...extra }),
  ]);
  return { sireId: sire.id, damId: dam.id };
}

export async function startSession(member: Member, pair: Pair, notes?: string): Promise<string> {
  const data = await gqlData(START, { input: { ...pair, notes } }, member.token);
  return data.startBreedingSession.id;
}

/** A session's event input without the session, which the caller names. */
export type EventInput = Omit<RecordBreedingEventInput, 'sessionId'>;

export async function record(member: Member, sessionId: string, input: EventInput) {
  const data = await gqlData(RECORD, { input: { sessionId, ...input } }, member.token);
  return data.recordBreedingEvent;
}

export const recordRaw = (member: Member, sessionId: string, input: EventInput) => gql(RECORD, { input: { sessionId, ...input } }, member.token);

/** An ISO timestamp this many days before now, so a test's events run in order and never in the future. */
export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';

interface SubgraphAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Calls the animal subgraph directly as a member of this organisation with another role, the way the gateway would forward them. */
export async function animalSubgraphAs<R, V>(member: Member, role: Role, document: TypedDocumentString<R, V>, variables: V): Promise<SubgraphAnswer<R>>;
/** A document of the subgraph's own schema (e.g. _entities), which the API schema codegen types against lacks: its data is unknown. */
export async function animalSubgraphAs(member: Member, role: Role, query: string, variables: Record<string, unknown>): Promise<SubgraphAnswer<unknown>>;
export async function animalSubgraphAs(member: Member, role: Role, document: Document, variables: object) {
  const token = await createIdentitySigner(inject('identityPrivateKey')).sign({ kind: 'user', userId: member.userId, organizationId: member.organizationId, role });
  const response = await fetch(inject('subgraphUrls').animal, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  return (await response.json()) as SubgraphAnswer<unknown>;
}
