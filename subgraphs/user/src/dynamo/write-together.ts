import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { UserTable } from './user-table.js';
import { retry } from '@studbook/platform';
import { isConditionFailed } from './conditional-write.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One write of a group; `undo` reverses it when a later write of the group fails without transactions. */
export interface GroupedWrite {
  write: TransactItem;
  undo?: () => Promise<unknown>;
}

/** 'written', or the index of the first write whose condition failed (nothing of the group remains). */
export type GroupResult = { ok: true } | { ok: false; failedIndex: number };

/** Concurrent transactions on the same items cancel each other; retrying serialises them. */
const CONFLICT_RETRY = { attempts: 12, baseDelayMs: 20, maxDelayMs: 400, retryable: isTransactionConflict } as const;

/**
 * Writes a group all or nothing (a ConditionCheck counts as a write that changes nothing). With TransactWriteItems (DynamoDB, DynamoDB Local) that is one
 * transaction, retried on TransactionConflict. dynalite has no transactions: the writes then run in
 * order as conditional writes and the ones already done are undone when a later condition fails.
 * Callers put the write that serialises concurrent requests (a counter, a claim) first, so that the
 * fallback is race-safe too; only a crash between writes can leave a partial group.
 */
export async function writeTogether(table: UserTable, writes: GroupedWrite[]): Promise<GroupResult> {
  try {
    return await transactWrite(
      table,
      writes.map((w) => w.write),
    );
  } catch (error) {
    if (isTransactionUnsupported(error)) return writeInOrder(table, writes);
    throw error;
  }
}

/**
 * The transaction alone, for a caller whose fallback without transactions cannot be a plain
 * ordered group (see appendMessage); throws where {@link isTransactionUnsupported} says so.
 */
export async function transactWrite(table: UserTable, items: TransactItem[]): Promise<GroupResult> {
  try {
    await retry(() => table.dynamo.send(new TransactWriteCommand({ TransactItems: items })), CONFLICT_RETRY);
    return { ok: true };
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    const failedIndex = cancellationReasons(error).indexOf('ConditionalCheckFailed');
    if (failedIndex >= 0) return { ok: false, failedIndex };
    throw error;
  }
}

/** dynalite (the embedded default) has no TransactWriteItems. */
export function isTransactionUnsupported(error: unknown): boolean {
  return (error as Error).name === 'UnknownOperationException';
}

/** Cancelled only because a concurrent transaction touched the same items: worth another try. */
export function isTransactionConflict(error: unknown): boolean {
  if ((error as Error).name !== 'TransactionCanceledException') return false;
  const reasons = cancellationReasons(error);
  return reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
}

/** Cancellation reason codes by write index; some servers list them only in the message. */
function cancellationReasons(error: unknown): string[] {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  if (reasons?.length) return reasons.map((reason) => reason.Code ?? 'None');
  const listed = /\[([^\]]*)\]\s*$/.exec((error as Error).message ?? '');
  return listed ? listed[1].split(',').map((code) => code.trim()) : [];
}

async function writeInOrder(table: UserTable, writes: GroupedWrite[]): Promise<GroupResult> {
  const done: GroupedWrite[] = [];
  const undoAll = async () => {
    for (const write of done.reverse()) await write.undo?.().catch(() => undefined);
  };
  for (const [index, grouped] of writes.entries()) {
    try {
      await sendSingle(table, grouped.write);
    } catch (error) {
      await undoAll();
      if (isConditionFailed(error)) return { ok: false, failedIndex: index };
      throw error;
    }
    done.push(grouped);
  }
  return { ok: true };
}

async function sendSingle(table: UserTable, item: TransactItem): Promise<void> {
  if (item.ConditionCheck) await table.dynamo.send(new UpdateCommand(conditionCheckAsUpdate(item.ConditionCheck)));
  else if (item.Put) await table.dynamo.send(new PutCommand(item.Put));
  else if (item.Update) await table.dynamo.send(new UpdateCommand(item.Update));
  else if (item.Delete) await table.dynamo.send(new DeleteCommand(item.Delete));
  else throw new Error('writeTogether supports ConditionCheck, Put, Update and Delete only');
}

/**
 * dynalite has no ConditionCheck: the same condition on an UpdateItem that changes nothing (it
 * removes an attribute no item has) is checked atomically against the item's current state.
 * The item must exist, or the update would create it: checks here always require that.
 */
function conditionCheckAsUpdate(check: NonNullable<TransactItem['ConditionCheck']>) {
  return {
    TableName: check.TableName,
    Key: check.Key,
    UpdateExpression: 'REMOVE #conditionCheckNoop',
    ConditionExpression: `attribute_exists(PK) AND (${check.ConditionExpression})`,
    ExpressionAttributeNames: { ...check.ExpressionAttributeNames, '#conditionCheckNoop': 'conditionCheckNoop' },
    ExpressionAttributeValues: check.ExpressionAttributeValues,
  };
}
