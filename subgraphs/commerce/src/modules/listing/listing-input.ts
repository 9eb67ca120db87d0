import { badInput } from '@studbook/platform';

export const PRICE_MAX = 10_000_000;
// ICU's list is the ISO 4217 codes in circulation, so withdrawn ones (DEM, FRF) are refused.
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

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
