import { graphql } from '../__generated__';

export const SESSIONS = graphql(`
  query WebBreedingSessions($status: BreedingSessionStatus) {
    breedingSessions(first: 50, status: $status) { edges { node { id status startedAt endedAt sire { id name } dam { id name } clutch { id eggCount } } } }
  }
`);

export const START_SESSION = graphql(`mutation WebStartSession($input: StartBreedingSessionInput!) { startBreedingSession(input: $input) { id } }`);

export const SESSION = graphql(`
  query WebBreedingSession($id: ID!) {
    breedingSession(id: $id) {
      id status notes startedAt endedAt
      sire { id name } dam { id name }
      events { id cursor type occurredAt notes }
      clutch { id laidAt eggCount fertileCount hatchedCount hatchRate hatchlings { id name } }
    }
  }
`);

export const SESSION_EVENTS = graphql(`
  subscription WebBreedingSessionEvents($sessionId: ID!, $after: String) {
    breedingSessionEvents(sessionId: $sessionId, after: $after) { id cursor type occurredAt notes }
  }
`);

export const RECORD_EVENT = graphql(
  `mutation WebRecordEvent($input: RecordBreedingEventInput!) { recordBreedingEvent(input: $input) { id cursor type occurredAt notes } }`,
);
