import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Checkbox, Form } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { ErrorMessage, FormErrors, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { ANIMAL_LISTING, CREATE_LISTING, PUBLISH_LISTING, WITHDRAW_LISTING } from './animal-operations';
import { BLANK_LISTING, type ListingFields, listingInput } from './listing-form';

// The fields shown with their own error; any other refusal (the animal no longer public, a bad ship-to code) is said above the buttons.
const FIELDS = ['price', 'currency', 'title', 'description', 'shipsTo', 'sellerLocation.country', 'sellerLocation.region'];

function money(price: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(price);
  } catch {
    return `${price.toFixed(2)} ${currency}`;
  }
}

/**
 * The animal's place on the marketplace: its active listing, or for the keeper of a public animal a
 * form to list it (now, or as a draft to publish later). A private animal cannot be listed: the API
 * would refuse, so the page says why instead of offering the form.
 */
export function ListingSection({ animalId, isPublic, canEdit }: { animalId: string; isPublic: boolean; canEdit: boolean }) {
  const { data, loading, error, refetch } = useQuery(ANIMAL_LISTING, { variables: { id: animalId }, fetchPolicy: 'cache-and-network' });
  const [createListing, creating] = useMutation(CREATE_LISTING);
  const [publishListing, publishing] = useMutation(PUBLISH_LISTING);
  const [withdrawListing, withdrawing] = useMutation(WITHDRAW_LISTING);
  const [fields, setFields] = useState<ListingFields>(BLANK_LISTING);
  const [draft, setDraft] = useState<{ id: string; title: string } | null>(null);
  // One key per form filled in, so a retried submit (a double click, a dropped answer) lists once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const listing = data?.animal?.listing;
  const errors = codedErrors(creating.error);
  const byField = fieldErrors(errors);
  const set = (key: keyof ListingFields) => (value: string | boolean) => setFields({ ...fields, [key]: value });

  async function submit(status: 'ACTIVE' | 'DRAFT', event?: FormEvent) {
    event?.preventDefault();
    const result = await createListing({ variables: { input: listingInput(animalId, fields, status, idempotencyKey) } }).catch(() => undefined);
    const created = result?.data?.createListing;
    if (!created) return;
    setIdempotencyKey(crypto.randomUUID());
    setFields(BLANK_LISTING);
    if (created.status === 'DRAFT') setDraft({ id: created.id, title: created.title });
    await refetch();
  }

  return (
    <section aria-labelledby="listing-title" className="card">
      <h2 id="listing-title">For sale</h2>
      {loading && !data && <Loading label="Loading the listing…" />}
      <ErrorMessage error={error ?? publishing.error ?? withdrawing.error} />
      {listing && (
        <div className="listing">
          <p>
            <strong>{listing.title}</strong>: <span className="price">{money(listing.price, listing.currency)}</span>{' '}
            <span className="muted">({listing.status.toLowerCase()})</span>
          </p>
          {listing.description && <p className="description">{listing.description}</p>}
          <p className="muted">
            {listing.shipsTo.length > 0 ? `Ships to ${listing.shipsTo.join(', ')}` : 'No shipping'}
            {listing.pickup ? '; pickup possible' : ''}
            {listing.sellerLocation ? `; from ${[listing.sellerLocation.region, listing.sellerLocation.country].filter(Boolean).join(', ')}` : ''}
            {listing.publishedAt ? `; listed ${new Date(listing.publishedAt).toLocaleDateString()}` : ''}
          </p>
          {canEdit && (
            <Button
              className="button small"
              isDisabled={withdrawing.loading}
              onPress={async () => {
                await withdrawListing({ variables: { id: listing.id } }).catch(() => undefined);
                await refetch();
              }}
            >
              Withdraw from sale
            </Button>
          )}
          {/* Reserving and buying arrive with marketplace sales; their button goes here, for other breeders. */}
        </div>
      )}
      {!listing && draft && canEdit && (
        <div className="notice" role="status">
          <p>The draft “{draft.title}” is saved and not yet on the market.</p>
          <Button
            className="button primary"
            isDisabled={publishing.loading}
            onPress={async () => {
              const published = await publishListing({ variables: { id: draft.id } }).catch(() => undefined);
              if (published?.data) setDraft(null);
              await refetch();
            }}
          >
            Publish the draft
          </Button>
        </div>
      )}
      {data && !listing && !canEdit && <p className="empty">Not for sale.</p>}
      {data && !listing && !draft && canEdit && !isPublic && <p className="explain">Only a public animal can be listed: make it public first.</p>}
      {data && !listing && !draft && canEdit && isPublic && (
        <Form className="form" validationBehavior="aria" onSubmit={(event) => submit('ACTIVE', event)}>
          <div className="pair">
            <TextInput label="Price" value={fields.price} onChange={set('price')} error={byField.price} isRequired />
            <TextInput label="Currency" description="ISO code, e.g. EUR" value={fields.currency} onChange={set('currency')} error={byField.currency} isRequired />
          </div>
          <TextInput label="Headline" description="Default: the animal's name" value={fields.title} onChange={set('title')} error={byField.title} />
          <TextInput label="Description" value={fields.description} onChange={set('description')} error={byField.description} multiline />
          <TextInput
            label="Ships to"
            description="Country codes, e.g. DE, AT, NL; empty for pickup only"
            value={fields.shipsTo}
            onChange={set('shipsTo')}
            error={byField.shipsTo}
          />
          <Checkbox className="checkbox" isSelected={fields.pickup} onChange={set('pickup')}>
            <span className="box" aria-hidden="true" />
            Buyers may collect
          </Checkbox>
          <div className="pair">
            <TextInput label="Your country" description="e.g. DE" value={fields.country} onChange={set('country')} error={byField['sellerLocation.country']} />
            <TextInput label="Region" value={fields.region} onChange={set('region')} error={byField['sellerLocation.region']} />
          </div>
          <FormErrors sentences={formErrors(errors, FIELDS)} />
          <div className="actions">
            <Button type="submit" className="button primary" isDisabled={creating.loading}>
              List for sale
            </Button>
            <Button className="button" isDisabled={creating.loading} onPress={() => submit('DRAFT')}>
              Save as draft
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
