import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../../dynamo/batch-get.js';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { writeTogether, type GroupedWrite } from '../../dynamo/write-together.js';
import { writtenIfCondition } from '../../dynamo/conditional-write.js';
import { membershipPutItem, type MembershipItem } from './membership-store.js';

/** An organisation; its id is the tenant id PostgreSQL RLS uses, hence always a UUID. */
export interface OrganizationItem {
  id: string;
  name: string;
  createdAt: string;
  /**
   * How many OWNER memberships it has, never more than there are: the serialisation point that
   * keeps at least one OWNER (see changeMembership). Missing on organisations written before it.
   */
  ownerCount?: number;
  /** Days after which new assistant conversations and messages expire; absent: kept. */
  retentionDays?: number | null;
}

const ORGANIZATION_ATTRIBUTES = ['id', 'name', 'createdAt', 'ownerCount', 'retentionDays'] as const;

export async function getOrganizations(table: UserTable, organizationIds: readonly string[]): Promise<(OrganizationItem | null)[]> {
  const items = await batchGetItems(table, organizationIds.map(keys.organization), ORGANIZATION_ATTRIBUTES);
  return items.map((item) => (item ? toOrganizationItem(item) : null));
}

/** Strongly consistent: owner counting and retention decisions must see the latest item. */
export async function getOrganizationConsistent(table: UserTable, organizationId: string): Promise<OrganizationItem | null> {
  const { Item } = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: keys.organization(organizationId), ConsistentRead: true }));
  return Item ? toOrganizationItem(Item) : null;
}

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

export function toOrganizationItem(item: Record<string, unknown>): OrganizationItem {
  return {
    id: String(item.id),
    name: String(item.name),
    createdAt: String(item.createdAt),
    ownerCount: typeof item.ownerCount === 'number' ? item.ownerCount : undefined,
    retentionDays: typeof item.retentionDays === 'number' ? item.retentionDays : null,
  };
}

/**
 * Gives an organisation written before owner counting its count, from its memberships. The
 * condition makes this a no-op if the count appeared meanwhile.
 */
export async function ensureOwnerCount(table: UserTable, organizationId: string): Promise<void> {
  const { Items = [] } = await table.dynamo.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :member)',
      ExpressionAttributeValues: { ':pk': `ORG#${organizationId}`, ':member': 'MEMBER#' },
      ConsistentRead: true,
    }),
  );
  const owners = Items.filter((item) => item.role === 'OWNER').length;
  await writtenIfCondition(() =>
    table.dynamo.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.organization(organizationId),
        UpdateExpression: 'SET ownerCount = :owners',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(ownerCount)',
        ExpressionAttributeValues: { ':owners': owners },
      }),
    ),
  );
}

/** The retention policy update, as a write of a group (it runs after the caller's role check). */
export function retentionDaysWrite(table: UserTable, organizationId: string, days: number | null): GroupedWrite {
  return {
    write: {
      Update: {
        TableName: table.tableName,
        Key: keys.organization(organizationId),
        UpdateExpression: days === null ? 'REMOVE retentionDays' : 'SET retentionDays = :days',
        ConditionExpression: 'attribute_exists(PK)',
        ...(days === null ? {} : { ExpressionAttributeValues: { ':days': days } }),
      },
    },
  };
}

/**
 * The user's default organisation (where their next session starts, and where others see them)
 * lives on the user's item; this module owns that attribute. `switchOrganization` sets it.
 */
export async function setDefaultOrganization(table: UserTable, userId: string, organizationId: string): Promise<void> {
  await table.dynamo.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.user(userId),
      UpdateExpression: 'SET defaultOrganizationId = :org',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':org': organizationId },
    }),
  );
}

/** Moves the default organisation on, conditional on the old value, so a concurrent switchOrganization is not overwritten. */
export async function replaceDefaultOrganization(table: UserTable, userId: string, organizationId: string, expected: string): Promise<void> {
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
