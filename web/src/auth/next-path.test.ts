import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('the path after signing in', () => {
  it('keeps a path of the app, fragment included', () => {
    expect(safeNextPath('/invitation#abc')).toBe('/invitation#abc');
    expect(safeNextPath('/animals/1')).toBe('/animals/1');
  });

  it('refuses anything that would leave the app', () => {
    for (const next of [null, '', 'https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      expect(safeNextPath(next)).toBe('/');
    }
  });
});
