/**
 * Every key of the single user table in one place, so the layout in README.md can be checked
 * against one file. Emails are keyed lower-cased: uniqueness must not depend on letter case.
 */
export interface ItemKey {
  PK: string;
  SK: string;
}

/** Message sequence numbers are zero-padded so that key order is append order. */
export const SEQUENCE_DIGITS = 10;
export const padSequence = (sequence: number): string => String(sequence).padStart(SEQUENCE_DIGITS, '0');

export const keys = {
  user: (userId: string): ItemKey => ({ PK: `USER#${userId}`, SK: 'PROFILE' }),
  email: (email: string): ItemKey => ({ PK: `EMAIL#${normalizeEmail(email)}`, SK: 'EMAIL' }),
  organization: (organizationId: string): ItemKey => ({ PK: `ORG#${organizationId}`, SK: 'ORG' }),
  membership: (organizationId: string, userId: string): ItemKey => ({ PK: `ORG#${organizationId}`, SK: `MEMBER#${userId}` }),
  /** GSI1 keys of a membership: a user's organisations. */
  membershipByUser: (organizationId: string, userId: string) => ({ GSI1PK: `USER#${userId}`, GSI1SK: `ORG#${organizationId}` }),
  session: (tokenHash: string): ItemKey => ({ PK: `SESSION#${tokenHash}`, SK: 'SESSION' }),
  /** GSI1 keys of a session: a user's sessions, and one of them by its public id. */
  sessionByUser: (userId: string, sessionId: string) => ({ GSI1PK: `USER#${userId}`, GSI1SK: `SESSION#${sessionId}` }),
  invitation: (tokenHash: string): ItemKey => ({ PK: `INVITE#${tokenHash}`, SK: 'INVITE' }),
  /** GSI1 keys of an invitation: an organisation's pending invitations, and one by its public id. */
  invitationByOrganization: (organizationId: string, invitationId: string) => ({ GSI1PK: `ORG#${organizationId}`, GSI1SK: `INVITE#${invitationId}` }),
  signInWindow: (email: string, windowStart: number): ItemKey => ({ PK: `THROTTLE#${normalizeEmail(email)}`, SK: `SIGNIN#${windowStart}` }),
  userPreferences: (userId: string): ItemKey => ({ PK: `USER#${userId}`, SK: 'PREFS' }),
  organizationPreferences: (organizationId: string): ItemKey => ({ PK: `ORG#${organizationId}`, SK: 'PREFS' }),
  conversation: (userId: string, conversationId: string): ItemKey => ({ PK: `USER#${userId}`, SK: `CONV#${conversationId}` }),
  message: (conversationId: string, sequence: number): ItemKey => ({ PK: `CONV#${conversationId}`, SK: `MSG#${padSequence(sequence)}` }),
  clientMessage: (conversationId: string, clientMessageId: string): ItemKey => ({ PK: `CONV#${conversationId}`, SK: `CLIENT#${clientMessageId}` }),
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function keyString(key: ItemKey): string {
  return `${key.PK}|${key.SK}`;
}
