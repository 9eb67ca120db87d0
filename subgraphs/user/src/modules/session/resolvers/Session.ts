import type { SessionResolvers } from '../../../__generated__/resolvers-types.js';
import { describeDevice } from '../device.js';

export const Session: SessionResolvers = {
  device: (session) => describeDevice(session.userAgent),
  organization: (session, _args, { organizations }) => organizations.referencedBy('Session', session.organizationId),
  current: (session, _args, { sessions }) => session.tokenHash === sessions.currentSessionHash,
};
