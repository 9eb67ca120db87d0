import type { ConversationResolvers } from '../../../__generated__/resolvers-types.js';

export const Conversation: ConversationResolvers = {
  messages: (conversation, { first, after }, { conversations }) => conversations.messages(conversation, first, after),
};
