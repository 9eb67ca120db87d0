import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@studbook/platform';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import type { GroupedWrite } from '../../dynamo/write-together.js';

/** A pending invitation, keyed by the SHA-256 of its token like sessions. */
export interface InvitationItem {
  tokenHash: string;
  organizationId: string;
  /** Lower-cased: matched against the accepting user's email. */
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  ttl: number;
}

/** What inviteMember returns: the invitation and, this once, its token. */
export interface IssuedInvitation {
  organizationId: string;
  email: string;
  role: Role;
  expiresAt: string;
  token: string;
}

export async function putInvitation(table: UserTable, invitation: InvitationItem): Promise<void> {
  await table.dynamo.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { ...keys.invitation(invitation.tokenHash), ...invitation },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

export async function getInvitation(table: UserTable, tokenHash: string): Promise<InvitationItem | null> {
  const { Item } = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: keys.invitation(tokenHash), ConsistentRead: true }));
  if (!Item) return null;
  return {
    tokenHash: String(Item.tokenHash),
    organizationId: String(Item.organizationId),
    email: String(Item.email),
    role: Item.role as Role,
    invitedBy: String(Item.invitedBy),
    createdAt: String(Item.createdAt),
    expiresAt: String(Item.expiresAt),
    ttl: Number(Item.ttl),
  };
}

/**
 * Spends an invitation: deleted only if it is still there and unexpired, so of concurrent
 * acceptances exactly one gets through. The undo (without transactions) puts it back.
 */
export function spendInvitationWrite(table: UserTable, invitation: InvitationItem, now: Date): GroupedWrite {
  return {
    write: {
      Delete: {
        TableName: table.tableName,
        Key: keys.invitation(invitation.tokenHash),
        ConditionExpression: 'attribute_exists(PK) AND expiresAt > :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      },
    },
    undo: () => putInvitation(table, invitation),
  };
}
