import { badInput } from '../errors.js';

/** Opaque cursors: base64url JSON, validated on the way back in. */
export function encodeCursor(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts)) return parts;
  } catch {
    // fall through to the user error below
  }
  throw badInput('Invalid cursor', 'after');
}
