import type { BreedingSessionResolvers } from '../../../__generated__/resolvers-types.js';

export const BreedingSession: BreedingSessionResolvers = {
  __resolveReference: ({ id }, { breeding }) => breeding.sessionById(id),
  // Null when another breeder has since made their animal private: the pair is redacted, the session still answers.
  sire: (session, _, { animals }) => animals.byId(session.sireId),
  dam: (session, _, { animals }) => animals.byId(session.damId),
  startedAt: (session) => session.createdAt,
  events: (session, { after }, { breeding }) => breeding.events(session.id, after),
  clutch: (session, _, { breeding }) => breeding.clutchOfSession(session.id),
};
