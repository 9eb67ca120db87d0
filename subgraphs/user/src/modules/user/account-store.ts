import { DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type ItemKey } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { cancellationReasons } from '../../dynamo/write-together.js';
import type { MembershipItem } from '../organization/membership-store.js';
import type { OrganizationItem } from '../organization/organization-store.js';
import type { UserItem } from './user-store.js';
import { isConditionFailed } from '../../dynamo/conditional-write.js';

export interface NewAccount {
  user: UserItem;
  passwordHash: string;
  organization: OrganizationItem;
  membership: MembershipItem;
}

export type CreateAccountResult = 'created' | 'email-taken';

interface ConditionalPut {
  TableName: string;
  Item: ItemKey & Record<string, unknown>;
  ConditionExpression: string;
}

const TRANSACTION_ATTEMPTS = 3;

/**
 * Writes a new user, their organisation and OWNER membership, and claims the email, all or
 * nothing. The email claim is first so that its cancellation reason (index 0) means "taken".
 */
export async function createAccount(table: UserTable, account: NewAccount): Promise<CreateAccountResult> {
  const puts = accountPuts(table.tableName, account);
  try {
    return await writeInTransaction(table, puts);
  } catch (error) {
    // dynalite (the embedded default) has no TransactWriteItems; see writeInOrder for what that costs.
    if ((error as Error).name === 'UnknownOperationException') return writeInOrder(table, puts);
    throw error;
  }
}

function accountPuts(tableName: string, { user, passwordHash, organization, membership }: NewAccount): ConditionalPut[] {
  const { organizationId, userId } = membership;
  const items = [
    { ...keys.email(user.email), userId: user.id },
    { ...keys.organization(organization.id), ...organization },
    { ...keys.user(user.id), ...user, passwordHash },
    { ...keys.membership(organizationId, userId), ...keys.membershipByUser(organizationId, userId), ...membership },
  ];
  // Ids are fresh UUIDs, so only the email claim should ever fail; the others must never overwrite either.
  return items.map((Item) => ({ TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' }));
}

async function writeInTransaction(table: UserTable, puts: ConditionalPut[]): Promise<CreateAccountResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      await table.dynamo.send(new TransactWriteCommand({ TransactItems: puts.map((Put) => ({ Put })) }));
      return 'created';
    } catch (error) {
      if ((error as Error).name !== 'TransactionCanceledException') throw error;
      const reasons = cancellationReasons(error);
      if (reasons[0] === 'ConditionalCheckFailed') return 'email-taken';
      // Two sign-ups for one email at once: the loser may be cancelled for the conflict, not the
      // condition. Retrying lets it see the winner's claim and report "taken".
      if (!reasons.includes('TransactionConflict') || attempt >= TRANSACTION_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}

/**
 * The fallback without transactions: the email claim is still a conditional put, so a duplicate
 * writes nothing and concurrent sign-ups still have one winner. The rest is undone on failure;
 * only a crash between the writes can leave orphans (a claimed email without a user).
 */
async function writeInOrder(table: UserTable, puts: ConditionalPut[]): Promise<CreateAccountResult> {
  const written: ItemKey[] = [];
  try {
    for (const put of puts) {
      try {
        await table.dynamo.send(new PutCommand(put));
      } catch (error) {
        if (written.length === 0 && isConditionFailed(error)) return 'email-taken';
        throw error;
      }
      written.push({ PK: put.Item.PK, SK: put.Item.SK });
    }
    return 'created';
  } catch (error) {
    // Reverse order: the email stays claimed until everything else is gone.
    for (const key of written.reverse()) {
      await table.dynamo.send(new DeleteCommand({ TableName: table.tableName, Key: key })).catch(() => undefined);
    }
    throw error;
  }
}
