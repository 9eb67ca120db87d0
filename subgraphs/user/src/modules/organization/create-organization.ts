import { randomUUID } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { writeTogether } from '../../dynamo/write-together.js';
import { membershipPutItem, type MembershipItem } from './membership-store.js';
import type { OrganizationItem } from './organization-store.js';

/** A new organisation with userId as its only OWNER (also used when a user has none left at sign-in). */
export async function createOrganizationFor(table: UserTable, userId: string, name: string): Promise<MembershipItem> {
  const now = new Date().toISOString();
  const organization: OrganizationItem = { id: randomUUID(), name, createdAt: now, ownerCount: 1 };
  const membership: MembershipItem = { organizationId: organization.id, userId, role: 'OWNER', createdAt: now };
  const result = await writeTogether(table, [
    {
      write: { Put: { TableName: table.tableName, Item: { ...keys.organization(organization.id), ...organization }, ConditionExpression: 'attribute_not_exists(PK)' } },
      undo: () => table.dynamo.send(new DeleteCommand({ TableName: table.tableName, Key: keys.organization(organization.id) })),
    },
    { write: { Put: { TableName: table.tableName, Item: membershipPutItem(membership), ConditionExpression: 'attribute_not_exists(PK)' } } },
  ]);
  if (!result.ok) throw new Error('A fresh organisation id collided');
  return membership;
}
