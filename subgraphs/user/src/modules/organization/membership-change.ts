import type { Role } from '@studbook/platform';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { writeTogether, type GroupedWrite } from '../../dynamo/write-together.js';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { membershipPutItem, type MembershipItem } from './membership-store.js';
import { ensureOwnerCount, type OrganizationItem } from './organization-store.js';

/**
 * A role change (`to` a role), a removal (`to` null) or a new membership (`from` null), applied
 * only if the membership still has role `from`.
 */
export interface MembershipChange {
  organization: OrganizationItem;
  userId: string;
  from: Role | null;
  to: Role | null;
  /** For a new membership. */
  createdAt?: string;
  /** A check written first in the same group: the acting manager still holds their role. */
  guard?: GroupedWrite;
}

/**
 * 'last-owner': the organisation would lose its last OWNER; 'stale': the membership changed
 * meanwhile; 'forbidden': the guard failed (the acting manager lost the role the change needs).
 */
export type MembershipChangeResult = 'changed' | 'last-owner' | 'stale' | 'forbidden';

/**
 * Applies a membership change so that no interleaving of concurrent changes can leave an
 * organisation without an OWNER. The organisation item's `ownerCount` is the serialisation point:
 * losing an OWNER first decrements it on condition `ownerCount > 1`, gaining one increments it
 * after the membership write. The count therefore never exceeds the real number of owners, and a
 * decrement that succeeds always leaves one. With transactions both writes are one
 * TransactWriteItems; without (dynalite) they run in that order and a failed membership write
 * gives the decrement back.
 */
export async function changeMembership(table: UserTable, change: MembershipChange): Promise<MembershipChangeResult> {
  const losesOwner = change.from === 'OWNER' && change.to !== 'OWNER';
  const gainsOwner = change.to === 'OWNER' && change.from !== 'OWNER';
  if ((losesOwner || gainsOwner) && change.organization.ownerCount === undefined) await ensureOwnerCount(table, change.organization.id);

  const writes: GroupedWrite[] = [];
  if (change.guard) writes.push(change.guard);
  const decrement = losesOwner ? ownerCountWrite(table, change.organization.id, -1) : null;
  if (decrement) writes.push(decrement);
  writes.push(membershipWrite(table, change));
  if (gainsOwner) writes.push(ownerCountWrite(table, change.organization.id, +1));

  const result = await writeTogether(table, writes);
  if (result.ok) return 'changed';
  const failed = writes[result.failedIndex];
  if (failed === change.guard) return 'forbidden';
  return failed === decrement ? 'last-owner' : 'stale';
}

/**
 * Checks, inside the write it guards, that `userId` still holds one of `roles` in the organisation:
 * a manager demoted or removed after their role was read cannot complete the write.
 */
export function roleGuard(table: UserTable, organizationId: string, userId: string, roles: readonly Role[]): GroupedWrite {
  const values = Object.fromEntries(roles.map((role, i) => [`:role${i}`, role]));
  return {
    write: {
      ConditionCheck: {
        TableName: table.tableName,
        Key: keys.membership(organizationId, userId),
        ConditionExpression: `#role IN (${Object.keys(values).join(', ')})`,
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: values,
      },
    },
  };
}

export function ownerCountWrite(table: UserTable, organizationId: string, delta: 1 | -1): GroupedWrite {
  const update = (by: number, condition: string) => ({
    TableName: table.tableName,
    Key: keys.organization(organizationId),
    UpdateExpression: 'SET ownerCount = ownerCount + :by',
    ConditionExpression: condition,
    ExpressionAttributeValues: { ':by': by, ...(condition.includes(':one') ? { ':one': 1 } : {}) },
  });
  return {
    write: { Update: update(delta, delta < 0 ? 'ownerCount > :one' : 'attribute_exists(ownerCount)') },
    undo: () => table.dynamo.send(new UpdateCommand(update(-delta, 'attribute_exists(ownerCount)'))),
  };
}

export function membershipWrite(table: UserTable, change: MembershipChange): GroupedWrite {
  const key = keys.membership(change.organization.id, change.userId);
  const TableName = table.tableName;
  if (change.from === null) {
    const membership: MembershipItem = {
      organizationId: change.organization.id,
      userId: change.userId,
      role: change.to!,
      createdAt: change.createdAt ?? new Date().toISOString(),
    };
    return {
      write: { Put: { TableName, Item: membershipPutItem(membership), ConditionExpression: 'attribute_not_exists(PK)' } },
      undo: () => table.dynamo.send(new DeleteCommand({ TableName, Key: key })),
    };
  }
  const condition = { ConditionExpression: '#role = :from', ExpressionAttributeNames: { '#role': 'role' } };
  if (change.to === null) {
    return { write: { Delete: { TableName, Key: key, ...condition, ExpressionAttributeValues: { ':from': change.from } } } };
  }
  return {
    write: {
      Update: { TableName, Key: key, UpdateExpression: 'SET #role = :to', ...condition, ExpressionAttributeValues: { ':from': change.from, ':to': change.to } },
    },
  };
}
