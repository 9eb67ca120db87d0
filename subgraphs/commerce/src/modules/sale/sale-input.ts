import { badInput } from '@studbook/platform';

export const REASON_MAX = 500;

/** A party's reason for declining or cancelling: trimmed, at most REASON_MAX characters; null when none is needed and none given. */
export function validReason(reason: string | null | undefined, required: boolean): string | null {
  const text = reason?.trim() ?? '';
  if (!text) {
    if (required) throw badInput('Give the buyer a reason', 'reason');
    return null;
  }
  if ([...text].length > REASON_MAX) throw badInput(`reason is at most ${REASON_MAX} characters`, 'reason');
  return text;
}

/** The buyer's hold on a reservation the seller has not accepted: from SALE_RESERVATION_HOURS, at least a minute. */
export function holdSecondsOf(hours: number): number {
  return Math.max(60, Math.round(hours * 3600));
}
