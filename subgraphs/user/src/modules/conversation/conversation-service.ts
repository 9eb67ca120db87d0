import { badInput, conflict, cursorCodec, idCursor, notFound, parseIdCursor, requireUser, validId, validPageSize, type Identity } from '@studbook/platform';
import { v7 as uuidV7 } from 'uuid';
import type { MessageRole } from '../../__generated__/resolvers-types.js';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import type { OrganizationLoaders } from '../organization/organization-loaders.js';
import { validClientMessageId, validContent, validTitle } from './conversation-input.js';
import { deleteConversation, getConversation, listConversations, putConversation, type ConversationItem } from './conversation-store.js';
import { appendMessage, listAllMessages, listMessages, messageId, type MessageItem } from './message-store.js';

const DAY_SECONDS = 24 * 60 * 60;
/** exportConversation builds one JSON string: beyond this much message content, page instead. */
export const MAX_EXPORT_CONTENT_BYTES = 10 * 1024 * 1024;

export interface ConversationServiceDeps {
  table: UserTable;
  /** The organisations' retention policies. */
  loaders: OrganizationLoaders;
  identity: Identity;
}

/** Per-request assistant history rules: every conversation is its user's alone. */
export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

  async start(title: string | null | undefined): Promise<ConversationItem> {
    const user = requireUser(this.deps.identity);
    const now = new Date();
    const ttl = await this.expiry(user.organizationId, now);
    const conversation: ConversationItem = {
      // Monotonic within the process, so conversations started in one millisecond still list newest first.
      id: uuidV7(),
      userId: user.userId,
      organizationId: user.organizationId,
      title: validTitle(title),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      messageCount: 0,
      ...(ttl ? { ttl } : {}),
    };
    await putConversation(this.deps.table, conversation);
    return conversation;
  }

  async append(conversationId: string, role: MessageRole, rawContent: string, rawClientMessageId: string): Promise<MessageItem> {
    const user = requireUser(this.deps.identity);
    const id = validId(conversationId, 'conversationId');
    const clientMessageId = validClientMessageId(rawClientMessageId);
    const { content, bytes } = validContent(rawContent);
    const conversation = await this.ownOrFail(id);
    // The conversation's organisation decides, not the one the session has switched to since.
    const ttl = await this.expiry(conversation.organizationId, new Date());
    const result = await appendMessage(this.deps.table, {
      conversationId: conversation.id,
      conversationKey: keys.conversation(user.userId, conversation.id),
      role,
      content,
      tokenCount: estimateTokens(bytes),
      clientMessageId,
      ttl,
      conversationTtl: conversation.ttl,
    });
    if (result.kind === 'conversation-gone') throw notFound('Conversation');
    if (result.kind === 'different')
      throw conflict('This clientMessageId was already used for a different message in this conversation; use a new one for a new message');
    return result.message;
  }

  async one(conversationId: string): Promise<ConversationItem | null> {
    const user = requireUser(this.deps.identity);
    return getConversation(this.deps.table, user.userId, validId(conversationId, 'id'));
  }

  async mine(first: number | null | undefined, after: string | null | undefined) {
    const user = requireUser(this.deps.identity);
    const afterId = after ? parseIdCursor(after) : null;
    const page = await listConversations(this.deps.table, user.userId, { first: validPageSize(first), afterId });
    const edges = page.rows.map((node) => ({ cursor: idCursor(node.id), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async messages(conversation: ConversationItem, first: number | null | undefined, after: string | null | undefined) {
    const page = await listMessages(this.deps.table, conversation.id, { first: validPageSize(first), after: parseMessageCursor(after) });
    const edges = page.rows.map((node) => ({ cursor: messageCursors.encode(node.sequence), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async export(conversationId: string): Promise<string> {
    const conversation = await this.ownOrFail(validId(conversationId, 'id'));
    const messages = await listAllMessages(this.deps.table, conversation.id, MAX_EXPORT_CONTENT_BYTES);
    if (messages === 'too-large') {
      throw badInput('This conversation holds more than 10 MB of messages, too much to export at once: read it in pages with Conversation.messages(first, after)', 'id');
    }
    return JSON.stringify({
      format: 'studbook.conversation.v1',
      exportedAt: new Date().toISOString(),
      conversation: { id: conversation.id, title: conversation.title, createdAt: conversation.createdAt, updatedAt: conversation.updatedAt },
      messages: messages.map((m) => ({
        id: messageId(m),
        role: m.role,
        content: m.content,
        createdAt: m.createdAt,
        tokenCount: m.tokenCount,
        clientMessageId: m.clientMessageId,
      })),
    });
  }

  async delete(conversationId: string): Promise<boolean> {
    const user = requireUser(this.deps.identity);
    if (!(await deleteConversation(this.deps.table, user.userId, validId(conversationId, 'id')))) throw notFound('Conversation');
    return true;
  }

  private async ownOrFail(conversationId: string): Promise<ConversationItem> {
    const user = requireUser(this.deps.identity);
    const conversation = await getConversation(this.deps.table, user.userId, conversationId);
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }

  /** The TTL (epoch seconds) the organisation's retention policy gives an item written now. */
  private async expiry(organizationId: string, now: Date): Promise<number | undefined> {
    const organization = await this.deps.loaders.organizations.load(organizationId);
    const days = organization?.retentionDays;
    return days ? Math.floor(now.getTime() / 1000) + days * DAY_SECONDS : undefined;
  }
}

const messageCursors = cursorCodec<number>({
  toParts: (sequence) => [sequence],
  fromParts: ([sequence, ...rest]) => (Number.isSafeInteger(sequence) && (sequence as number) >= 0 && rest.length === 0 ? (sequence as number) : null),
  // Until issue 10 a message's cursor was its zero-padded sequence number; clients may still hold some.
  legacy: (cursor) => (/^\d{10}$/.test(cursor) ? Number(cursor) : null),
});

/**
 * An estimate of a model's token count without a model's tokenizer: one token per 4 UTF-8 bytes,
 * rounded up, the usual rule of thumb for English text (OpenAI's and Anthropic's guidance). Good for
 * budgeting and display, not for billing.
 */
function estimateTokens(utf8Bytes: number): number {
  return Math.ceil(utf8Bytes / 4);
}

function parseMessageCursor(after: string | null | undefined): number {
  return after ? messageCursors.decode(after) : 0;
}
