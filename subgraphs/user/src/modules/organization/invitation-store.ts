import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@studbook/platform';
import { keys } from '../../dynamo/keys.js';
import { isExpired } from '../../dynamo/query.js';
import { GSI1, type UserTable } from '../../dynamo/user-table.js';
import type { GroupedWrite } from '../../dynamo/write-together.js';

/** A pending invitation, keyed by the SHA-256 of its token like sessions. */
export interface InvitationItem {
  /** The public id (a UUIDv7: sorts by creation) managers list and revoke it by; never the hash. */
  id: string;
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
  id: string;
  organizationId: string;
  email: string;
  role: Role;
  expiresAt: string;
  token: string;
}

/** The invitation's put, as a write of a group (it runs after the inviter's role check). */
export function invitationPutWrite(table: UserTable, invitation: InvitationItem): GroupedWrite {
  return { write: { Put: invitationPut(table, invitation) } };
}

function invitationPut(table: UserTable, invitation: InvitationItem) {
  return {
    TableName: table.tableName,
    Item: { ...keys.invitation(invitation.tokenHash), ...keys.invitationByOrganization(invitation.organizationId, invitation.id), ...invitation },
    ConditionExpression: 'attribute_not_exists(PK)',
  };
}

async function putInvitation(table: UserTable, invitation: InvitationItem): Promise<void> {
  await table.dynamo.send(new PutCommand(invitationPut(table, invitation)));
}

export async function getInvitation(table: UserTable, tokenHash: string): Promise<InvitationItem | null> {
  const { Item } = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: keys.invitation(tokenHash), ConsistentRead: true }));
  return Item ? toInvitationItem(Item) : null;
}

/** An organisation's pending invitations through GSI1, newest first, one page; expired ones skipped. */
export async function listInvitations(
  table: UserTable,
  organizationId: string,
  page: { first: number; afterId: string | null },
): Promise<{ rows: InvitationItem[]; hasNextPage: boolean }> {
  const rows: InvitationItem[] = [];
  // Newest first, strictly before the cursor's id: a range on the sort key, so the cursor works
  // even after its invitation was accepted or revoked.
  const to = page.afterId ? `INVITE#${page.afterId}` : 'INVITE#\uffff';
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  while (rows.length <= page.first) {
    const result = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'GSI1PK = :org AND GSI1SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':org': `ORG#${organizationId}`, ':from': 'INVITE#', ':to': to },
        ScanIndexForward: false,
        ExclusiveStartKey,
        Limit: page.first + 1 - rows.length,
      }),
    );
    rows.push(...(result.Items ?? []).filter((item) => !isExpired(item) && item.id !== page.afterId).map(toInvitationItem));
    ExclusiveStartKey = result.LastEvaluatedKey;
    if (!ExclusiveStartKey) break;
  }
  return { rows: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
}

/** The organisation's invitation with this public id (at most one), through GSI1. */
export async function invitationsById(table: UserTable, organizationId: string, id: string): Promise<InvitationItem[]> {
  const { Items = [] } = await table.dynamo.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: GSI1,
      KeyConditionExpression: 'GSI1PK = :org AND GSI1SK = :invite',
      ExpressionAttributeValues: { ':org': `ORG#${organizationId}`, ':invite': `INVITE#${id}` },
    }),
  );
  return Items.map(toInvitationItem);
}

/** Withdraws an invitation of the organisation; the check on organizationId keeps it to its own. */
export function invitationDeleteWrite(table: UserTable, invitation: InvitationItem): GroupedWrite {
  return {
    write: {
      Delete: {
        TableName: table.tableName,
        Key: keys.invitation(invitation.tokenHash),
        ConditionExpression: 'organizationId = :org',
        ExpressionAttributeValues: { ':org': invitation.organizationId },
      },
    },
    undo: () => putInvitation(table, invitation),
  };
}

function toInvitationItem(Item: Record<string, unknown>): InvitationItem {
  return {
    id: String(Item.id ?? Item.tokenHash),
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
