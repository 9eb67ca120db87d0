import type { SessionResolvers } from '../../../__generated__/resolvers-types.js';
import { describeDevice } from '../device.js';

export const Session: SessionResolvers = {
  device: (session) => describeDevice(session.userAgent),
  async organization(session, _args, { loaders }) {
    const organization = await loaders.organizations.load(session.organizationId);
    if (!organization) throw new Error(`Session points to missing organisation ${session.organizationId}`);
    return organization;
  },
  current: (session, _args, { sessions }) => session.tokenHash === sessions.currentSessionHash,
};
