import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  myConversations: (_parent, { first, after }, { conversations }) => conversations.mine(first, after),
  conversation: (_parent, { id }, { conversations }) => conversations.one(id),
  exportConversation: (_parent, { id }, { conversations }) => conversations.export(id),
};
