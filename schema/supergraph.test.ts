import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, SUPERGRAPH_PATH } from './compose.js';

describe('the supergraph', () => {
  it('composes from the four subgraph SDLs without errors', () => {
    expect(() => composeSupergraph()).not.toThrow();
  });

  it('is committed as freshly composed (run `npm run compose` after changing an SDL)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
  });

  it('keeps gateway-only fields out of the client-facing API', () => {
    const supergraph = composeSupergraph();
    expect(supergraph).toMatch(/sessionIdentity\(token: String!\): SessionIdentity @inaccessible/);
  });
});
