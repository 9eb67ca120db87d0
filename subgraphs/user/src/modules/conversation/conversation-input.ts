import { badInput } from '@studbook/platform';

/** Largest message content, in UTF-8 bytes (DynamoDB items may hold 400 KB; this keeps room for the rest). */
const MAX_CONTENT_BYTES = 100 * 1024;
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_TITLE_LENGTH = 200;

export function validContent(content: string): { content: string; bytes: number } {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_CONTENT_BYTES) {
    throw badInput(`content is ${bytes} bytes of UTF-8; a message may hold at most ${MAX_CONTENT_BYTES} bytes (100 kB). Split it into several messages.`, 'content');
  }
  if (content.trim().length === 0) throw badInput('content must not be empty', 'content');
  return { content, bytes };
}

export function validClientMessageId(clientMessageId: string): string {
  if (!CLIENT_MESSAGE_ID.test(clientMessageId)) throw badInput('clientMessageId must be 1 to 128 letters, digits or . _ : -', 'clientMessageId');
  return clientMessageId;
}

export function validTitle(title: string | null | undefined): string {
  const trimmed = title?.trim() ?? '';
  if (trimmed.length > MAX_TITLE_LENGTH) throw badInput(`title must be at most ${MAX_TITLE_LENGTH} characters`, 'title');
  return trimmed || 'New conversation';
}
