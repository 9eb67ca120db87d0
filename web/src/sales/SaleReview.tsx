import type { WebSaleFieldsFragment } from '../__generated__/graphql';

type Review = NonNullable<WebSaleFieldsFragment['review']>;

const stars = (rating: number) => `${'★'.repeat(rating)}${'☆'.repeat(5 - rating)}`;

/** The buyer's review of a completed sale, as both sides read it on the sale once it is written. */
export function SaleReview({ review, heading }: { review: Review; heading: string }) {
  return (
    <section className="sale-review" aria-label={heading}>
      <h3>{heading}</h3>
      <p>
        <span role="img" aria-label={`${review.rating} of 5 stars`}>
          {stars(review.rating)}
        </span>{' '}
        on <time dateTime={review.createdAt}>{new Date(review.createdAt).toLocaleDateString()}</time>
      </p>
      {review.text && <blockquote>{review.text}</blockquote>}
    </section>
  );
}
