import type { Resolvers } from './__generated__/resolvers-types.js';
import { Organization } from './modules/organization/resolvers/Organization.js';
import { Mutation as SessionMutation } from './modules/session/resolvers/Mutation.js';
import { Query as SessionQuery } from './modules/session/resolvers/Query.js';
import { Mutation as UserMutation } from './modules/user/resolvers/Mutation.js';
import { Query as UserQuery } from './modules/user/resolvers/Query.js';
import { User } from './modules/user/resolvers/User.js';

export const resolvers: Resolvers = {
  Query: { ...UserQuery, ...SessionQuery },
  Mutation: { ...UserMutation, ...SessionMutation },
  User,
  Organization,
};
