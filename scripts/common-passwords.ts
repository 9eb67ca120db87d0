import { dictionary } from '@zxcvbn-ts/language-common';

export const COMMON_PASSWORDS_PATH = new URL('../subgraphs/user/src/modules/user/common-passwords.txt', import.meta.url);
export const COMMON_PASSWORD_COUNT = 10_000;

/**
 * The shipped list: zxcvbn's password dictionary is ranked by frequency, so its first 10,000
 * entries are the 10,000 most common; lower-cased because the check is case-insensitive.
 */
export function commonPasswordsFile(): string {
  const ranked = dictionary['passwords-common'] as string[];
  const distinct = [...new Set(ranked.map((password) => password.toLowerCase()))];
  return distinct.slice(0, COMMON_PASSWORD_COUNT).join('\n') + '\n';
}
