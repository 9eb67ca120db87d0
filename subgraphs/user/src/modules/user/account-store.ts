import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { writeTogether, type GroupedWrite } from '../../dynamo/write-together.js';
import type { MembershipItem, OrganizationItem } from '../organization/organization-reads.js';
import type { UserItem } from './user-store.js';

export interface NewAccount {
  user: UserItem;
  passwordHash: string;
  organization: OrganizationItem;
  membership: MembershipItem;
}

export type CreateAccountResult = 'created' | 'email-taken';

/**
 * Writes a new user, their organisation and OWNER membership, and claims the email, all or
 * nothing. The email claim is first: its failure (index 0) means "taken", and without
 * transactions it is the conditional write that gives concurrent sign-ups one winner. Only a
 * crash between the ordered writes can leave orphans (a claimed email without a user).
 */
export async function createAccount(table: UserTable, account: NewAccount): Promise<CreateAccountResult> {
  const result = await writeTogether(table, accountPuts(table, account));
  if (result.ok) return 'created';
  if (result.failedIndex === 0) return 'email-taken';
  throw new Error(`createAccount: write ${result.failedIndex} found its fresh key taken`);
}

function accountPuts(table: UserTable, { user, passwordHash, organization, membership }: NewAccount): GroupedWrite[] {
  const { organizationId, userId } = membership;
  const items = [
    { ...keys.email(user.email), userId: user.id },
    { ...keys.organization(organization.id), ...organization },
    { ...keys.user(user.id), ...user, passwordHash },
    { ...keys.membership(organizationId, userId), ...keys.membershipByUser(organizationId, userId), ...membership },
  ];
  // Ids are fresh UUIDs, so only the email claim should ever fail; the others must never overwrite either.
  return items.map((Item) => ({
    write: { Put: { TableName: table.tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' } },
    undo: () => table.dynamo.send(new DeleteCommand({ TableName: table.tableName, Key: { PK: Item.PK, SK: Item.SK } })),
  }));
}
