import { userError, ErrorCode } from '@studbook/platform';
import type { BreedingSessionResolvers } from '../__generated__/resolvers-types.js';
import type { AnimalRow } from '../modules/animal/animal-row.js';

/** A parent is required by the schema; one its owner has since made private can no longer be shown. */
const visibleParent = (label: string) => (row: AnimalRow | null) => row ?? Promise.reject(userError(ErrorCode.NotFound, `The ${label} of this session is no longer visible to your organisation`));

export const BreedingSession: BreedingSessionResolvers = {
  __resolveReference: ({ id }, { breeding }) => breeding.sessionById(id),
  sire: (session, _, { animals }) => animals.byId(session.sireId).then(visibleParent('sire')),
  dam: (session, _, { animals }) => animals.byId(session.damId).then(visibleParent('dam')),
  startedAt: (session) => session.createdAt,
  events: (session, { after }, { breeding }) => breeding.events(session.id, after),
  clutch: (session, _, { breeding }) => breeding.clutchOfSession(session.id),
};
