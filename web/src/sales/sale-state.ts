import type { SaleState } from '../__generated__/graphql';

/** Which side of a sale the caller's organisation is on. */
export type Side = 'buyer' | 'seller';

export type SaleAction = 'accept' | 'decline' | 'complete' | 'cancel' | 'review';

const LABELS: Record<SaleState, string> = {
  RESERVED: 'Reserved, awaiting the seller',
  ACCEPTED: 'Accepted, awaiting payment',
  DECLINED: 'Declined by the seller',
  EXPIRED: 'Reservation lapsed',
  CANCELLED: 'Cancelled',
  TRANSFER_PENDING: 'Paid, the animal is moving to the buyer',
  COMPLETED: 'Completed',
  TRANSFER_FAILED: 'Paid, but the animal could not be transferred',
};

export function stateLabel(state: SaleState): string {
  return LABELS[state];
}

/**
 * The steps each side may take from a state, as the commerce subgraph allows them (sale-state.ts
 * there): the seller accepts or declines a reservation and completes an accepted sale once paid;
 * either side cancels until payment; the buyer reviews a completed purchase once.
 */
export function actionsFor(side: Side, state: SaleState, alreadyReviewed = false): SaleAction[] {
  const actions: SaleAction[] = [];
  if (side === 'seller' && state === 'RESERVED') actions.push('accept', 'decline');
  if (side === 'seller' && state === 'ACCEPTED') actions.push('complete');
  if (state === 'RESERVED' || state === 'ACCEPTED') actions.push('cancel');
  if (side === 'buyer' && state === 'COMPLETED' && !alreadyReviewed) actions.push('review');
  return actions;
}

/** A state the server moves on from by itself within a second or so: the page asks again until it settles. */
export function isSettling(state: SaleState): boolean {
  return state === 'TRANSFER_PENDING';
}

const TRANSFER_REASONS: Record<string, string> = {
  // The codes of TRANSFER_FAILURE_REASONS in packages/contracts (events/catalog.ts).
  ANIMAL_DELETED: 'the seller deleted the animal before it could move',
  SELLER_NOT_OWNER: 'the animal no longer belonged to the seller',
  ANIMAL_DECEASED: 'the animal is recorded as deceased',
  SAME_ORGANIZATION: 'the buyer and the seller are the same organisation',
};

/** A TRANSFER_FAILED reason code as a sentence, or the code itself when it is new to this app. */
export function transferFailure(reason: string | null | undefined): string {
  if (!reason) return 'The transfer failed; contact the seller.';
  const known = TRANSFER_REASONS[reason];
  return known ? `The transfer failed: ${known}.` : `The transfer failed (${reason}).`;
}
