import { badInput } from '@studbook/platform';

export const NAME_MAX_LENGTH = 100;
export const PURPOSE_MAX_LENGTH = 200;
/** Half the earth's circumference: every point is within it. */
export const MAX_SEARCH_KM = 20_038;

export interface FarmFields {
  name: string;
  latitude: number;
  longitude: number;
  region: string | null;
  country: string | null;
}

export interface FarmInput {
  name: string;
  latitude: number;
  longitude: number;
  region?: string | null;
  country?: string | null;
}

export function validName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > NAME_MAX_LENGTH) throw badInput(`${field} must be 1 to ${NAME_MAX_LENGTH} characters`, field);
  return trimmed;
}

/** An optional text: trimmed, empty as null. */
export function optionalText(text: string | null | undefined, field: string, maxLength: number): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  if (trimmed.length > maxLength) throw badInput(`${field} must be at most ${maxLength} characters`, field);
  return trimmed;
}

export function validLatitude(latitude: number, field = 'latitude'): number {
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) throw badInput(`${field} must be between -90 and 90 degrees`, field);
  return latitude;
}

export function validLongitude(longitude: number, field = 'longitude'): number {
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) throw badInput(`${field} must be between -180 and 180 degrees`, field);
  return longitude;
}

export function validKm(km: number): number {
  if (!Number.isFinite(km) || km <= 0 || km > MAX_SEARCH_KM) throw badInput(`km must be more than 0 and at most ${MAX_SEARCH_KM}`, 'km');
  return km;
}

/** ISO 3166-1 alpha-2 as two letters, uppercased; whether the code is assigned is not checked. */
export function validCountry(country: string | null | undefined, field = 'country'): string | null {
  const trimmed = country?.trim();
  if (!trimmed) return null;
  if (!/^[A-Za-z]{2}$/.test(trimmed)) throw badInput('country must be an ISO 3166-1 alpha-2 code such as NZ or GB', field);
  return trimmed.toUpperCase();
}

export function validFarm(input: FarmInput): FarmFields {
  return {
    name: validName(input.name, 'name'),
    latitude: validLatitude(input.latitude, 'latitude'),
    longitude: validLongitude(input.longitude, 'longitude'),
    region: optionalText(input.region, 'region', NAME_MAX_LENGTH),
    country: validCountry(input.country),
  };
}

/** A day (the Date scalar has checked its form) that has begun somewhere on earth, so not in the future. */
export function validFrom(from: string, now = new Date()): string {
  // UTC+14 is the earliest time zone: its today is the latest day that has begun anywhere.
  const latestToday = new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
  if (from > latestToday) throw badInput('from cannot be in the future', 'from');
  return from;
}
