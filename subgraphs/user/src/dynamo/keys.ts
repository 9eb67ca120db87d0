/**
 * Every key of the single user table in one place, so the layout in README.md can be checked
 * against one file. Emails are keyed lower-cased: uniqueness must not depend on letter case.
 */
export interface ItemKey {
  PK: string;
  SK: string;
}

export const keys = {
  user: (userId: string): ItemKey => ({ PK: `USER#${userId}`, SK: 'PROFILE' }),
  email: (email: string): ItemKey => ({ PK: `EMAIL#${normalizeEmail(email)}`, SK: 'EMAIL' }),
  organization: (organizationId: string): ItemKey => ({ PK: `ORG#${organizationId}`, SK: 'ORG' }),
  membership: (organizationId: string, userId: string): ItemKey => ({ PK: `ORG#${organizationId}`, SK: `MEMBER#${userId}` }),
  /** GSI1 keys of a membership: a user's organisations. */
  membershipByUser: (organizationId: string, userId: string) => ({ GSI1PK: `USER#${userId}`, GSI1SK: `ORG#${organizationId}` }),
  session: (tokenHash: string): ItemKey => ({ PK: `SESSION#${tokenHash}`, SK: 'SESSION' }),
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function keyString(key: ItemKey): string {
  return `${key.PK}|${key.SK}`;
}
