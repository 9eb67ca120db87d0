/** True when DynamoDB refused a write because its ConditionExpression did not hold. */
export function isConditionFailed(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
}

/**
 * Runs a conditional write: true when it was written, false when its condition did not hold (an
 * expected outcome for the callers, not an error); any other failure is thrown.
 */
export async function writtenIfCondition(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
