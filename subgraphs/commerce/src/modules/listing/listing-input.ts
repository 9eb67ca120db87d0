import { badInput } from '@studbook/platform';

export const PRICE_MAX = 10_000_000;
export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 5_000;
export const REGION_MAX = 100;
export const SHIPS_TO_MAX = 60;
// ICU's list is the ISO 4217 codes in circulation, so withdrawn ones (DEM, FRF) are refused.
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
// Codes ICU names that ISO 3166-1 does not assign to a country (user-assigned and grouping codes).
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB']);

/** A positive amount in major units with at most two decimals, as numeric(12, 2) stores it. */
export function validPrice(price: number, field = 'price'): number {
  if (!Number.isFinite(price) || price <= 0) throw badInput('Price must be a positive number', field);
  if (price > PRICE_MAX) throw badInput(`Price must be at most ${PRICE_MAX.toLocaleString('en')}`, field);
  if (Number(price.toFixed(2)) !== price) throw badInput('Price must have at most two decimals', field);
  return price;
}

/** An ISO 4217 code; lowercase input is accepted and upper-cased. */
export function validCurrency(currency: string, field = 'currency'): string {
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !CURRENCIES.has(code)) throw badInput('Currency must be an ISO 4217 code such as EUR', field);
  return code;
}

/** An ISO 3166-1 alpha-2 country code (DE, GB, US); lowercase is accepted and upper-cased. */
export function validCountry(country: string, field: string): string {
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code) || !REGION_NAMES.of(code)) throw badInput('Country must be an ISO 3166-1 alpha-2 code such as DE', field);
  return code;
}

/** Free text of at most `max` characters, trimmed; `required` refuses an empty one. */
export function validText(text: string, field: string, max: number, required = false): string {
  const trimmed = text.trim();
  if (required && trimmed.length === 0) throw badInput(`${field} must not be empty`, field);
  if ([...trimmed].length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

/** Countries shipped to: distinct, sorted, each checked; `shipsTo[2]` names a bad one. */
export function validShipsTo(countries: readonly string[]): string[] {
  if (countries.length > SHIPS_TO_MAX) throw badInput(`shipsTo may name at most ${SHIPS_TO_MAX} countries`, 'shipsTo');
  return [...new Set(countries.map((country, i) => validCountry(country, `shipsTo[${i}]`)))].sort();
}

/** An expiry must lie in the future: a listing born expired could never be on the market. */
export function validExpiry(expiresAt: Date, now = new Date()): Date {
  if (expiresAt.getTime() <= now.getTime()) throw badInput('expiresAt must be in the future', 'expiresAt');
  return expiresAt;
}
