import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const Mutation: MutationResolvers = {
  startConversation: (_parent, { title }, { conversations }) => conversations.start(title),
  appendMessage: (_parent, { conversationId, role, content, clientMessageId }, { conversations }) => conversations.append(conversationId, role, content, clientMessageId),
  deleteConversation: (_parent, { id }, { conversations }) => conversations.delete(id),
};
