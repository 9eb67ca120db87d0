/**
 * A coordinate or distance as typed ("-41,29" with a decimal comma too). Blank or unreadable becomes
 * NaN's stand-in, an impossible value (999), so the API refuses it at its field in its own words.
 */
export function typedNumber(text: string): number {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || Number.isNaN(value) ? 999 : value;
}
