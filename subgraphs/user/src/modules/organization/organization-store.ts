import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../../dynamo/batch-get.js';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import type { GroupedWrite } from '../../dynamo/write-together.js';
import { writtenIfCondition } from '../../dynamo/conditional-write.js';

/** An organisation; its id is the tenant id PostgreSQL RLS uses, hence always a UUID. */
export interface OrganizationItem {
  id: string;
  name: string;
  createdAt: string;
  /**
   * How many OWNER memberships it has, never more than there are: the serialisation point that
   * keeps at least one OWNER (see membership-writes.ts). Missing on organisations written before it.
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
