import { describe, expect, it } from 'vitest';
import { isUuid } from '@studbook/platform';
import { v7 as uuidV7 } from 'uuid';

// Conversation and invitation keys are v7 ids listed newest first by a descending Query: that
// only holds if ids made within one millisecond sort in the order they were made.
describe('the ids conversations and invitations are keyed by', () => {
  it('are version-7 UUIDs whose text sorts in the order they were made, within a millisecond too', () => {
    const ids = Array.from({ length: 2000 }, () => uuidV7());
    for (const id of ids.slice(0, 3)) {
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe('7');
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
