import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  signUp: (_parent, { input }, { accounts }) => accounts.signUp(input),
  signIn: (_parent, { email, password }, { accounts }) => accounts.signIn(email, password),
};
