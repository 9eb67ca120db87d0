import { describe, expect, it } from 'vitest';
import { canonicalLocale, canonicalTimeZone, parseProfileInput } from './profile-input.js';

describe('profile input', () => {
  it('canonicalises BCP 47 tags and IANA zones, refusing others', () => {
    expect(canonicalLocale('en-gb')).toBe('en-GB');
    expect(canonicalLocale('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(canonicalLocale('english please')).toBeNull();
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Europe/Atlantis')).toBeNull();
  });

  it('keeps omitted fields, clears blank ones and names the field it refuses', () => {
    expect(parseProfileInput({ phone: '  ', locale: null })).toEqual({ phone: null, locale: null });
    expect(parseProfileInput({})).toEqual({});
    expect(() => parseProfileInput({ phone: '12' })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'phone' }) }));
    expect(() => parseProfileInput({ name: null })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'name' }) }));
  });
});
