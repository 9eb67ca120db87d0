import { describe, expect, it } from 'vitest';
import { tokenFromHash } from '../account/invitation-link';
import { projectInvitationLink } from './project-invitation-link';

describe('project invitation links', () => {
  it('carry the token in the fragment of /project-invitation and read back the same token', () => {
    const link = projectInvitationLink('https://studbook.example', 'a b/c+d');
    const url = new URL(link);
    expect(url.pathname).toBe('/project-invitation');
    expect(url.search).toBe('');
    expect(tokenFromHash(url.hash)).toBe('a b/c+d');
  });
});
