import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS_PATH, commonPasswordsFile } from './common-passwords.js';

describe('the shipped common-password list', () => {
  it('is committed as freshly generated (run `npx tsx scripts/generate-common-passwords.ts`)', () => {
    const committed = readFileSync(COMMON_PASSWORDS_PATH, 'utf8');
    expect(committed).toBe(commonPasswordsFile());
    const lines = committed.trimEnd().split('\n');
    expect(lines).toHaveLength(10_000);
    expect(new Set(lines).size).toBe(10_000);
    expect(lines.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
    expect(lines.every((line) => line === line.toLowerCase() && line.length > 0)).toBe(true);
  });
});
