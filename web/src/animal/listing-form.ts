import type { CreateListingInput } from '../__generated__/graphql';

export interface ListingFields {
  price: string;
  currency: string;
  title: string;
  description: string;
  /** Country codes as typed: "DE, at nl". */
  shipsTo: string;
  pickup: boolean;
  country: string;
  region: string;
}

export const BLANK_LISTING: ListingFields = { price: '', currency: 'EUR', title: '', description: '', shipsTo: '', pickup: true, country: '', region: '' };

/**
 * The createListing input for the form. Values go as typed (trimmed, codes upper-cased) so the API
 * judges them and names the field; a price that is not a number is sent as NaN's stand-in, -1, which
 * the API refuses at `price` like any other impossible price.
 */
export function listingInput(animalId: string, fields: ListingFields, status: 'ACTIVE' | 'DRAFT', idempotencyKey: string): CreateListingInput {
  const price = Number(fields.price.replace(',', '.'));
  const shipsTo = fields.shipsTo
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
  const country = fields.country.trim().toUpperCase();
  return {
    animalId,
    price: fields.price.trim() === '' || Number.isNaN(price) ? -1 : price,
    currency: fields.currency.trim().toUpperCase(),
    status,
    title: fields.title.trim() || undefined,
    description: fields.description.trim() || undefined,
    shipsTo,
    pickup: fields.pickup,
    sellerLocation: country ? { country, region: fields.region.trim() || undefined } : undefined,
    idempotencyKey,
  };
}
