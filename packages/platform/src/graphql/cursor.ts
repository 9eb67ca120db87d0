import { badInput } from '../errors.js';

/** Turns a value into an opaque cursor and back; `decode` refuses anything it did not encode. */
export interface CursorCodec<T> {
  encode(value: T): string;
  /** The value, or BAD_USER_INPUT "Invalid cursor" on `field` (default `after`). */
  decode(cursor: string, field?: string): T;
}

export interface CursorFormat<T> {
  /**
   * 1 for the untagged `[...parts]` form every cursor issued so far has; a later format writes
   * `["v<n>", ...parts]`, and the earlier ones move to `previous` so clients' cursors keep working.
   */
  version?: number;
  toParts(value: T): unknown[];
  /** The value carried by `parts`, or null when they are not a valid cursor of this kind. */
  fromParts(parts: unknown[]): T | null;
  /** Decoders of earlier formats, by version, tried when the tag names one of them. */
  previous?: Record<number, (parts: unknown[]) => T | null>;
  /** Cursors issued before this codec existed that were no base64url JSON array (given as sent). */
  legacy?: (cursor: string) => T | null;
}

/**
 * One cursor format for every connection: base64url of a JSON array. Cursors are not signed: what
 * keeps them honest is that every part is validated on the way back in (a forged one can only
 * point at a position the caller could reach by paging anyway), and they stay URL-safe.
 */
export function cursorCodec<T>(format: CursorFormat<T>): CursorCodec<T> {
  const version = format.version ?? 1;
  return {
    encode(value) {
      const parts = format.toParts(value);
      return Buffer.from(JSON.stringify(version === 1 ? parts : [`v${version}`, ...parts])).toString('base64url');
    },
    decode(cursor, field = 'after') {
      const value = decodeParts(format, version, cursor);
      if (value === null) throw badInput('Invalid cursor', field);
      return value;
    },
  };
}

function decodeParts<T>(format: CursorFormat<T>, version: number, cursor: string): T | null {
  const text = /^[A-Za-z0-9_-]*$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : null;
  let parts: unknown;
  try {
    parts = text === null ? null : JSON.parse(text);
  } catch {
    parts = null;
  }
  if (!Array.isArray(parts)) return format.legacy?.(cursor) ?? null;
  const tag = typeof parts[0] === 'string' ? /^v([2-9]|[1-9]\d+)$/.exec(parts[0]) : null;
  const tagged = tag ? Number(tag[1]) : 1;
  const body = tag ? parts.slice(1) : parts;
  if (tagged === version) return format.fromParts(body);
  return format.previous?.[tagged]?.(body) ?? null;
}
