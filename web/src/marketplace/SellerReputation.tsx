import { useQuery } from '@apollo/client/react';
import { ErrorMessage } from '../ui/Status';
import { SELLER_REPUTATION } from './marketplace-operations';

const stars = (rating: number) => `${'★'.repeat(rating)}${'☆'.repeat(5 - rating)}`;

/** What buyers said of this listing's seller: the mean rating, how many reviews, the newest few. */
export function SellerReputation({ listingId }: { listingId: string }) {
  const { data, error } = useQuery(SELLER_REPUTATION, { variables: { listingId }, fetchPolicy: 'cache-and-network' });
  const seller = data?.listing?.seller;
  if (!seller) return <ErrorMessage error={error} />;
  const { averageRating, reviewCount, reviews } = seller.sellerReputation;

  return (
    <section aria-labelledby="reputation-title" className="card">
      <h2 id="reputation-title">{seller.name} as a seller</h2>
      {averageRating === null || averageRating === undefined ? (
        <p className="muted">No review yet.</p>
      ) : (
        <p>
          <strong>{averageRating.toFixed(1)} of 5</strong> from {reviewCount === 1 ? '1 review' : `${reviewCount} reviews`}
        </p>
      )}
      <ul className="reviews">
        {reviews.edges.map(({ node }) => (
          <li key={node.id}>
            <p>
              <span role="img" aria-label={`${node.rating} of 5 stars`}>
                {stars(node.rating)}
              </span>{' '}
              by {node.author.name}, <time dateTime={node.createdAt}>{new Date(node.createdAt).toLocaleDateString()}</time>
            </p>
            {node.text && <blockquote>{node.text}</blockquote>}
          </li>
        ))}
      </ul>
    </section>
  );
}
