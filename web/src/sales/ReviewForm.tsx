import { useMutation } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { REVIEW_SALE } from './sale-operations';

const STARS = [1, 2, 3, 4, 5];

/** The buyer's review of the seller of a completed purchase: 1 to 5 stars and a few words, once. */
export function ReviewForm({ saleId, sellerName, onReviewed }: { saleId: string; sellerName: string; onReviewed: (when: 'now' | 'before') => void }) {
  const [rating, setRating] = useState('');
  const [text, setText] = useState('');
  const [review, { loading, error }] = useMutation(REVIEW_SALE, {
    // The seller's reputation (average, count, newest reviews) is read again wherever it is shown,
    // and the purchases, whose sale now carries this review in place of the form.
    refetchQueries: ['WebSellerReputation', 'WebMyPurchases'],
  });
  const errors = codedErrors(error);
  // A sale reviewed meanwhile (another tab, another member) is the API's CONFLICT, which ends the form.
  const alreadyReviewed = errors.some((e) => e.code === 'CONFLICT' && /already been reviewed/.test(e.message));
  useEffect(() => {
    if (alreadyReviewed) onReviewed('before');
  }, [alreadyReviewed, onReviewed]);
  const byField = fieldErrors(errors);

  return (
    <form
      className="review-form"
      aria-label={`Review ${sellerName}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const done = await review({ variables: { input: { saleId, rating: Number(rating), text: text.trim() || null } } }).catch(() => null);
        if (done?.data) onReviewed('now');
      }}
    >
      <h3>Review {sellerName}</h3>
      <RadioGroup className="field stars" value={rating} onChange={setRating} isRequired orientation="horizontal" isInvalid={byField.rating !== undefined}>
        <Label>Rating</Label>
        {STARS.map((n) => (
          <Radio key={n} value={String(n)} className="radio">
            <span aria-hidden="true">{'★'.repeat(n)}</span>
            <span>{n === 1 ? '1 star' : `${n} stars`}</span>
          </Radio>
        ))}
        {byField.rating && <p className="field-error">{byField.rating}</p>}
      </RadioGroup>
      <TextInput
        label="Your review"
        description="Optional, at most 4,000 characters. Every signed-in breeder can read it."
        value={text}
        onChange={setText}
        multiline
        error={byField.text}
      />
      <FormErrors sentences={formErrors(errors, ['rating', 'text'])} />
      <Button type="submit" className="button primary" isDisabled={loading || rating === ''}>
        Publish review
      </Button>
    </form>
  );
}
