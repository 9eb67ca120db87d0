import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { getUserConsistent, type UserItem } from '../user/user-store.js';
import { getMembershipConsistent, listMembershipsOfUser } from './membership-store.js';
import { createOrganizationFor } from './create-organization.js';
import { writtenIfCondition } from '../../dynamo/conditional-write.js';

/**
 * Where a new session starts: the user's default (last used) organisation while they still belong
 * to it, else the one they joined first; a user removed from every organisation gets a fresh one
 * of their own, so that signing in (and then accepting an invitation) keeps working.
 */
export async function signInOrganization(table: UserTable, user: UserItem): Promise<string> {
  if (await getMembershipConsistent(table, user.defaultOrganizationId, user.id)) return user.defaultOrganizationId;
  const organizationId = (await firstOrganizationOf(table, user.id)) ?? (await createOrganizationFor(table, user.id, `${user.name}'s organisation`)).organizationId;
  await setDefaultOrganization(table, user.id, organizationId, user.defaultOrganizationId);
  return organizationId;
}

/**
 * After a user left or was removed from an organisation: if it was their default, their default
 * (the organisation others see them in) becomes the first one they still belong to.
 */
export async function moveDefaultOrganizationAway(table: UserTable, userId: string, leftOrganizationId: string): Promise<void> {
  const user = await getUserConsistent(table, userId);
  if (user?.defaultOrganizationId !== leftOrganizationId) return;
  const next = await firstOrganizationOf(table, userId, leftOrganizationId);
  if (next) await setDefaultOrganization(table, userId, next, leftOrganizationId);
}

async function firstOrganizationOf(table: UserTable, userId: string, except?: string): Promise<string | undefined> {
  const memberships = (await listMembershipsOfUser(table, userId)).filter((m) => m.organizationId !== except);
  return memberships.sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0]?.organizationId;
}

/** Conditional on the old value, so a concurrent switchOrganization is not overwritten. */
async function setDefaultOrganization(table: UserTable, userId: string, organizationId: string, expected: string): Promise<void> {
  await writtenIfCondition(() =>
    table.dynamo.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.user(userId),
        UpdateExpression: 'SET defaultOrganizationId = :next',
        ConditionExpression: 'defaultOrganizationId = :expected',
        ExpressionAttributeValues: { ':next': organizationId, ':expected': expected },
      }),
    ),
  );
}
