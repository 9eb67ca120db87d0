import type { MessageResolvers } from '../../../__generated__/resolvers-types.js';
import { messageId } from '../message-store.js';

export const Message: MessageResolvers = {
  id: (message) => messageId(message),
};
