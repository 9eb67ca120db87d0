/** What may be uploaded, by kind: the declared type must be one of these and the bytes must say the same. */
export const ALLOWED_TYPES = {
  PHOTO: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'],
  DOCUMENT: ['application/pdf'],
} as const;

export type MediaKind = keyof typeof ALLOWED_TYPES;
export type MediaContentType = (typeof ALLOWED_TYPES)[MediaKind][number];

/** 20 MB, decimal as a phone's file browser shows it. */
export const MAX_MEDIA_BYTES = 20_000_000;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/**
 * The type the bytes themselves announce (their magic numbers), whatever the file's name or the
 * declared type; null for anything not allowed.
 */
export function sniffContentType(bytes: Buffer): MediaContentType | null {
  const ascii = (start: number, end: number) => bytes.subarray(start, end).toString('latin1');
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(8, 12))) return 'image/heic';
  if (bytes.length >= 5 && ascii(0, 5) === '%PDF-') return 'application/pdf';
  return null;
}
