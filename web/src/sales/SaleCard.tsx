import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import type { WebSaleFieldsFragment } from '../__generated__/graphql';
import { money } from '../marketplace/MarketplacePage';
import { ErrorMessage } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { ReviewForm } from './ReviewForm';
import { SaleReview } from './SaleReview';
import { ACCEPT_RESERVATION, CANCEL_SALE, COMPLETE_SALE, DECLINE_RESERVATION, SALE } from './sale-operations';
import { actionsFor, isSettling, type Side, stateLabel, transferFailure } from './sale-state';

const when = (at: string) => new Date(at).toLocaleString();

/** One sale from one side: its state, what happened when, the steps this side may take, and how the animal moved. */
export function SaleCard({ sale, side }: { sale: WebSaleFieldsFragment; side: Side }) {
  // 'now' once this page published the review; 'before' when the API says the sale already has one.
  const [reviewed, setReviewed] = useState<'now' | 'before' | null>(null);
  const [reasonFor, setReasonFor] = useState<'decline' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');
  const [accept, accepting] = useMutation(ACCEPT_RESERVATION);
  const [decline, declining] = useMutation(DECLINE_RESERVATION);
  const [complete, completing] = useMutation(COMPLETE_SALE);
  const [cancel, cancelling] = useMutation(CANCEL_SALE);
  // The transfer ends by itself within a second or so: ask again until it has, and the cache updates this card.
  const settling = isSettling(sale.state);
  const poll = useQuery(SALE, { variables: { id: sale.id }, skip: !settling, pollInterval: 1000, fetchPolicy: 'network-only' });
  const { stopPolling } = poll;
  useEffect(() => {
    if (!settling) stopPolling();
  }, [settling, stopPolling]);

  const busy = accepting.loading || declining.loading || completing.loading || cancelling.loading;
  const error = accepting.error ?? declining.error ?? completing.error ?? cancelling.error;
  const actions = actionsFor(side, sale.state, reviewed !== null || sale.review != null);
  const other = side === 'buyer' ? `Sold by ${sale.seller.name}` : `Reserved by ${sale.buyer.name}`;
  const title = sale.listing?.title ?? sale.soldAnimal?.name ?? 'A listing you can no longer see';
  const headingId = `sale-${sale.id}`;

  async function confirmReason() {
    const variables = { id: sale.id, reason: reason.trim() };
    const done =
      reasonFor === 'decline'
        ? await decline({ variables }).catch(() => null)
        : await cancel({ variables: { id: sale.id, reason: variables.reason || null } }).catch(() => null);
    if (done?.data) {
      setReasonFor(null);
      setReason('');
    }
  }

  return (
    <li className="card sale" aria-labelledby={headingId}>
      <h2 id={headingId}>{sale.listing ? <Link to={`/listings/${sale.listing.id}`}>{title}</Link> : title}</h2>
      <p>
        <strong>{money(sale.price, sale.currency)}</strong> · {other}
      </p>
      <p className={`sale-state state-${sale.state.toLowerCase()}`}>
        <span className="muted">State: </span>
        <strong>{stateLabel(sale.state)}</strong>
        {sale.state === 'RESERVED' && sale.expiresAt && <span className="muted"> (lapses {when(sale.expiresAt)} unless accepted)</span>}
      </p>
      {(sale.state === 'DECLINED' || sale.state === 'CANCELLED') && sale.reason && <p>Reason given: {sale.reason}</p>}
      {sale.state === 'TRANSFER_FAILED' && (
        <p className="error" role="alert">
          {transferFailure(sale.reason)}
        </p>
      )}
      {sale.state === 'COMPLETED' && side === 'buyer' && (
        <p>
          {sale.animal ? (
            <>
              <Link to={`/animals/${sale.animal.id}`}>{sale.animal.name}</Link> is now in your collection.
            </>
          ) : (
            `${sale.soldAnimal?.name ?? 'The animal'} was transferred to your organisation.`
          )}
        </p>
      )}
      {sale.state === 'COMPLETED' && side === 'seller' && (
        <p>
          {sale.soldAnimal?.name ?? 'The animal'} now belongs to {sale.buyer.name}.
        </p>
      )}
      {sale.soldAnimal && (sale.soldAnimal.genesInOneCopy.length > 0 || sale.soldAnimal.genesInTwoCopies.length > 0) && (
        <p className="muted">
          As sold:{' '}
          {[
            sale.soldAnimal.genesInTwoCopies.length > 0 && `two copies of ${sale.soldAnimal.genesInTwoCopies.join(', ')}`,
            sale.soldAnimal.genesInOneCopy.length > 0 && `one copy of ${sale.soldAnimal.genesInOneCopy.join(', ')}`,
          ]
            .filter(Boolean)
            .join('; ')}
        </p>
      )}
      <details>
        <summary>History</summary>
        <ol className="timeline" aria-label={`History of ${title}`}>
          {sale.history.map((change) => (
            <li key={`${change.state}-${change.at}`}>
              <time dateTime={change.at}>{when(change.at)}</time> {stateLabel(change.state)}
              {change.reason ? `: ${change.reason}` : ''}
            </li>
          ))}
        </ol>
      </details>
      <ErrorMessage error={error} />
      {actions.length > 0 && reasonFor === null && (
        <div className="actions">
          {actions.includes('accept') && (
            <Button className="button primary" isDisabled={busy} onPress={() => accept({ variables: { id: sale.id } }).catch(() => undefined)}>
              Accept reservation
            </Button>
          )}
          {actions.includes('decline') && (
            <Button className="button" isDisabled={busy} onPress={() => setReasonFor('decline')}>
              Decline…
            </Button>
          )}
          {actions.includes('complete') && (
            <Button className="button primary" isDisabled={busy} onPress={() => complete({ variables: { saleId: sale.id } }).catch(() => undefined)}>
              Payment received: complete the sale
            </Button>
          )}
          {actions.includes('cancel') && (
            <Button className="button" isDisabled={busy} onPress={() => setReasonFor('cancel')}>
              Cancel…
            </Button>
          )}
        </div>
      )}
      {reasonFor && (
        <form
          className="reason-form"
          onSubmit={(event) => {
            event.preventDefault();
            void confirmReason();
          }}
        >
          <TextInput
            label={reasonFor === 'decline' ? 'Reason for declining' : 'Reason for cancelling (optional)'}
            description="The other side reads it. At most 500 characters."
            value={reason}
            onChange={setReason}
            isRequired={reasonFor === 'decline'}
          />
          <div className="actions">
            <Button type="submit" className="button primary" isDisabled={busy || (reasonFor === 'decline' && reason.trim() === '')}>
              {reasonFor === 'decline' ? 'Decline reservation' : 'Cancel sale'}
            </Button>
            <Button className="button" onPress={() => setReasonFor(null)}>
              Keep it
            </Button>
          </div>
        </form>
      )}
      {actions.includes('review') && <ReviewForm saleId={sale.id} sellerName={sale.seller.name} onReviewed={setReviewed} />}
      {reviewed === 'now' && <p role="status">Thank you: your review of {sale.seller.name} is published.</p>}
      {sale.review && <SaleReview review={sale.review} heading={side === 'buyer' ? 'Your review' : `${sale.buyer.name}'s review`} />}
      {reviewed === 'before' && <p role="status">Your organisation has already reviewed this purchase.</p>}
    </li>
  );
}
