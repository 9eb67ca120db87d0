import { DateTimeScalar } from '@studbook/platform';
import type { Resolvers } from './__generated__/resolvers-types.js';
import { Conversation } from './modules/conversation/resolvers/Conversation.js';
import { Message } from './modules/conversation/resolvers/Message.js';
import { Mutation as ConversationMutation } from './modules/conversation/resolvers/Mutation.js';
import { Query as ConversationQuery } from './modules/conversation/resolvers/Query.js';
import { Invitation } from './modules/organization/resolvers/Invitation.js';
import { PendingInvitation } from './modules/organization/resolvers/PendingInvitation.js';
import { Mutation as OrganizationMutation } from './modules/organization/resolvers/Mutation.js';
import { Organization } from './modules/organization/resolvers/Organization.js';
import { OrganizationMembership } from './modules/organization/resolvers/OrganizationMembership.js';
import { Query as OrganizationQuery } from './modules/organization/resolvers/Query.js';
import { Mutation as PreferencesMutation } from './modules/preferences/resolvers/Mutation.js';
import { Query as PreferencesQuery } from './modules/preferences/resolvers/Query.js';
import { Mutation as ProfileMutation } from './modules/profile/resolvers/Mutation.js';
import { User as ProfileUser } from './modules/profile/resolvers/User.js';
import { Mutation as SessionMutation } from './modules/session/resolvers/Mutation.js';
import { Query as SessionQuery } from './modules/session/resolvers/Query.js';
import { Session } from './modules/session/resolvers/Session.js';
import { Mutation as UserMutation } from './modules/user/resolvers/Mutation.js';
import { Query as UserQuery } from './modules/user/resolvers/Query.js';
import { User } from './modules/user/resolvers/User.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { ...UserQuery, ...SessionQuery, ...OrganizationQuery, ...PreferencesQuery, ...ConversationQuery },
  Mutation: { ...UserMutation, ...SessionMutation, ...OrganizationMutation, ...ProfileMutation, ...PreferencesMutation, ...ConversationMutation },
  User: { ...User, ...ProfileUser },
  Organization,
  OrganizationMembership,
  Invitation,
  PendingInvitation,
  Session,
  Conversation,
  Message,
};
