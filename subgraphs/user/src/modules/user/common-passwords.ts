import { readFileSync } from 'node:fs';

let list: Set<string> | undefined;

/**
 * Whether a password is one of the 10,000 most common, whatever its letter case. The list
 * (common-passwords.txt, from scripts/generate-common-passwords.ts) is read on first use.
 */
export function isCommonPassword(password: string): boolean {
  list ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return list.has(password.toLowerCase());
}
