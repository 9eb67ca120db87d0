import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { writtenIfCondition } from '../../dynamo/conditional-write.js';

export type Units = 'METRIC' | 'IMPERIAL';

export interface PreferencesItem {
  units: Units;
  defaultSpecies: string | null;
  pedigreeDepth: number;
  notifications: { breedingEvents: boolean; marketplaceActivity: boolean; weeklyDigest: boolean };
  /** 0 = never saved; each save adds one (optimistic locking). */
  version: number;
  updatedAt: string | null;
}

export const DEFAULT_PREFERENCES: PreferencesItem = {
  units: 'METRIC',
  defaultSpecies: null,
  pedigreeDepth: 4,
  notifications: { breedingEvents: true, marketplaceActivity: true, weeklyDigest: false },
  version: 0,
  updatedAt: null,
};

export async function getPreferences(table: UserTable, key: ItemKey): Promise<PreferencesItem | null> {
  const { Item } = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }));
  if (!Item) return null;
  return {
    units: Item.units === 'IMPERIAL' ? 'IMPERIAL' : 'METRIC',
    defaultSpecies: typeof Item.defaultSpecies === 'string' ? Item.defaultSpecies : null,
    pedigreeDepth: Number(Item.pedigreeDepth),
    notifications: { ...DEFAULT_PREFERENCES.notifications, ...(Item.notifications ?? {}) },
    version: Number(Item.version),
    updatedAt: typeof Item.updatedAt === 'string' ? Item.updatedAt : null,
  };
}

/**
 * Saves preferences if nobody saved since `expectedVersion` was read: the condition on `version`
 * is the optimistic lock. 'conflict' writes nothing.
 */
export async function savePreferences(table: UserTable, key: ItemKey, preferences: PreferencesItem, expectedVersion: number): Promise<'saved' | 'conflict'> {
  const written = await writtenIfCondition(() =>
    table.dynamo.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...key, ...preferences },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :expected',
        ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
      }),
    ),
  );
  return written ? 'saved' : 'conflict';
}
