import { badInput } from '@studbook/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PRICE_MAX = 10_000_000;
export const PAGE_MAX = 500;
// ICU's list is the ISO 4217 codes in circulation, so withdrawn ones (DEM, FRF) are refused.
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The id in PostgreSQL's lowercase form, so it matches the ids the animal subgraph returns. */
export function validAnimalId(id: string): string {
  if (!isUuid(id)) throw badInput('animalId must be a UUID', 'animalId');
  return id.toLowerCase();
}

/** A positive amount in major units with at most two decimals, as numeric(12, 2) stores it. */
export function validPrice(price: number): number {
  if (!Number.isFinite(price) || price <= 0) throw badInput('Price must be a positive number', 'price');
  if (price > PRICE_MAX) throw badInput(`Price must be at most ${PRICE_MAX.toLocaleString('en')}`, 'price');
  if (Number(price.toFixed(2)) !== price) throw badInput('Price must have at most two decimals', 'price');
  return price;
}

/** An ISO 4217 code; lowercase input is accepted and upper-cased. */
export function validCurrency(currency: string): string {
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !CURRENCIES.has(code)) throw badInput('Currency must be an ISO 4217 code such as EUR', 'currency');
  return code;
}

export function validPageSize(first: number | null | undefined): number {
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > PAGE_MAX) throw badInput(`first must be between 1 and ${PAGE_MAX}`, 'first');
  return size;
}
