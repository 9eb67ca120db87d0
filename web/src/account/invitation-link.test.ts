import { describe, expect, it } from 'vitest';
import { invitationLink, tokenFromHash } from './invitation-link';

describe('invitation links', () => {
  it('carries the token in the fragment and reads it back', () => {
    const link = invitationLink('https://studbook.example', 'tok/en+1');
    expect(link).toBe('https://studbook.example/invitation#tok%2Fen%2B1');
    expect(tokenFromHash(new URL(link).hash)).toBe('tok/en+1');
  });

  it('has no token without a fragment', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('#  ')).toBeNull();
  });
});
