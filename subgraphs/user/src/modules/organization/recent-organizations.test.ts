import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECENT_ORGANIZATION_TTL_MS, RecentOrganizations } from './recent-organizations.js';

const farm = { id: 'o1', name: 'Hillside', createdAt: '2026-01-01T00:00:00.000Z', ownerCount: 1 };

describe('RecentOrganizations', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reuses an organisation for a second, then asks again', () => {
    const recent = new RecentOrganizations();
    recent.remember('o1', farm);
    vi.advanceTimersByTime(RECENT_ORGANIZATION_TTL_MS - 1);
    expect(recent.get('o1')).toEqual(farm);
    vi.advanceTimersByTime(1);
    expect(recent.get('o1')).toBeUndefined();
  });

  it('remembers that an organisation does not exist, and forgets a changed one at once', () => {
    const recent = new RecentOrganizations();
    recent.remember('gone', null);
    expect(recent.get('gone')).toBeNull();
    recent.remember('o1', farm);
    recent.forget('o1');
    expect(recent.get('o1')).toBeUndefined();
  });

  it('stays bounded under any mix of ids, dropping the oldest first', () => {
    const recent = new RecentOrganizations();
    for (let i = 0; i < 10_001; i++) recent.remember(`o${i}`, { ...farm, id: `o${i}` });
    expect(recent.get('o0')).toBeUndefined();
    expect(recent.get('o1')?.id).toBe('o1');
    expect(recent.get('o10000')?.id).toBe('o10000');
  });
});
