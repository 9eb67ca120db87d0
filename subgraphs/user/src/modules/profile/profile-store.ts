import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import type { UserItem } from '../user/user-reads.js';

/** The profile lives on the user's item: this module writes these attributes; they are read with the user (UserItem). */
export type ProfileFields = Pick<UserItem, 'name' | 'locale' | 'timeZone' | 'phoneEnc' | 'addressEnc'>;

/** Writes profile fields; null removes an attribute. Every field is given, so a write re-encrypts both ciphertexts. */
export async function updateProfileFields(table: UserTable, userId: string, fields: ProfileFields): Promise<void> {
  const set: string[] = [];
  const remove: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  Object.entries(fields).forEach(([field, value], i) => {
    names[`#f${i}`] = field;
    if (value === null || value === undefined) remove.push(`#f${i}`);
    else {
      set.push(`#f${i} = :v${i}`);
      values[`:v${i}`] = value;
    }
  });
  await table.dynamo.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.user(userId),
      UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].join(' ').trim(),
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    }),
  );
}
