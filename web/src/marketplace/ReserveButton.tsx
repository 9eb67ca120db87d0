import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { codedErrors } from '../api/errors';
import { ME } from '../auth/auth-operations';
import { RESERVE_LISTING } from '../sales/sale-operations';
import { FormErrors } from '../ui/Status';
import { reserveRefusal } from './reserve-refusal';

/**
 * Reserves the listing for the caller's organisation. One idempotency key per listing shown, so a
 * retry after a lost answer returns the same reservation instead of "already reserved".
 */
export function ReserveButton({ listingId, sellerId, status }: { listingId: string; sellerId: string; status: string }) {
  const { data: me } = useQuery(ME);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [reserve, { data, loading, error }] = useMutation(RESERVE_LISTING);
  const reserved = data?.reserveListing;
  const ownListing = me?.me?.organization?.id === sellerId;

  if (reserved) {
    return (
      <div className="reserve" role="status">
        <p>
          <strong>Reserved for you.</strong> The seller now accepts or declines
          {reserved.expiresAt ? ` before ${new Date(reserved.expiresAt).toLocaleString()}` : ''}.
        </p>
        <Link to="/purchases">Follow it in My purchases</Link>
      </div>
    );
  }
  if (ownListing)
    return (
      <p className="reserve muted">
        This is your organisation's listing. Buyers reserve it here; their reservations appear in <Link to="/sales">My sales</Link>.
      </p>
    );
  if (status !== 'ACTIVE') return <p className="reserve muted">This listing is not on the market now ({status.toLowerCase()}), so it cannot be reserved.</p>;

  return (
    <div className="reserve">
      <Button className="button primary" isDisabled={loading} onPress={() => reserve({ variables: { listingId, idempotencyKey } }).catch(() => undefined)}>
        {loading ? 'Reserving…' : 'Reserve this animal'}
      </Button>
      <p className="muted">The seller has 48 hours to accept; you pay the seller directly once accepted.</p>
      <FormErrors sentences={codedErrors(error).map(reserveRefusal)} />
    </div>
  );
}
