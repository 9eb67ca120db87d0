import { afterEach, describe, expect, it } from 'vitest';
import type { UserIdentity } from '@studbook/platform';
import { SessionWatch } from './session-watch.js';

const identity = { kind: 'user', userId: 'u', organizationId: 'o', role: 'OWNER' } as UserIdentity;
const watches: SessionWatch[] = [];
afterEach(() => {
  for (const watch of watches.splice(0)) watch.close();
});

/** Waits for a condition (timers run late on a busy machine), failing after two seconds. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 2_000) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function watchWith(live: Set<string>, intervalMs = 30) {
  const checks: string[] = [];
  const watch = new SessionWatch(
    async (authorization) => (checks.push(authorization), live.has(authorization) ? identity : null),
    intervalMs,
    () => undefined,
  );
  watches.push(watch);
  return { watch, checks };
}

describe('SessionWatch', () => {
  it('checks each token once per interval however many connections share it, and closes them all when it is signed out', async () => {
    const live = new Set(['Bearer a', 'Bearer b']);
    const { watch, checks } = watchWith(live);
    const closed: string[] = [];
    for (const name of ['a1', 'a2', 'a3']) watch.watch('Bearer a', identity, () => closed.push(name));
    watch.watch('Bearer b', identity, () => closed.push('b1'));
    await until(() => checks.length >= 2);
    const count = (token: string) => checks.filter((c) => c === token).length;
    expect(count('Bearer a')).toBe(count('Bearer b')); // one check per token per tick, not one per connection
    expect(closed).toEqual([]);

    live.delete('Bearer a');
    await until(() => closed.length === 3);
    expect(closed.sort()).toEqual(['a1', 'a2', 'a3']);
    expect(await watch.ensureValid('Bearer a', identity)).toBe(false);
    expect(await watch.ensureValid('Bearer b', identity)).toBe(true);
  });

  it('closes the connections accepted as another organisation or role than the token now stands for, and refuses their operations', async () => {
    let now: UserIdentity = identity;
    const watch = new SessionWatch(
      async () => now,
      30,
      () => undefined,
    );
    watches.push(watch);
    const closed: string[] = [];
    watch.watch('Bearer a', identity, () => closed.push('as owner'));
    expect(await watch.ensureValid('Bearer a', identity)).toBe(true);

    now = { ...identity, role: 'VIEWER' }; // demoted
    await until(() => closed.length === 1);
    expect(closed).toEqual(['as owner']);
    expect(await watch.ensureValid('Bearer a', identity)).toBe(false);

    watch.watch('Bearer a', now, () => closed.push('as viewer')); // a reconnect as the viewer is fine
    expect(await watch.ensureValid('Bearer a', now)).toBe(true);
    now = { ...now, organizationId: 'other' }; // switched organisation
    await until(() => closed.length === 2);
    expect(closed).toEqual(['as owner', 'as viewer']);
  });

  it('rides out a failed check or two, but closes the connections (and refuses operations) after three in a row', async () => {
    const failures: unknown[] = [];
    let failing = 2;
    let answered = 0;
    const watch = new SessionWatch(
      async () => {
        if (failing > 0) {
          failing -= 1;
          throw new Error('user subgraph down');
        }
        answered += 1;
        return identity;
      },
      20,
      (error) => failures.push(error),
    );
    watches.push(watch);
    let closed = false;
    watch.watch('Bearer a', identity, () => (closed = true));
    await until(() => answered > 0);
    expect(failures).toHaveLength(2);
    expect(closed).toBe(false); // two failures, then an answer: no proof of anything, the connection stays

    failing = Infinity;
    await until(() => closed);
    expect(failures).toHaveLength(5);
    expect(await watch.ensureValid('Bearer a', identity)).toBe(false);
  });

  it('stops checking a token once its last connection is gone', async () => {
    const { watch, checks } = watchWith(new Set(['Bearer a']));
    const unwatch = watch.watch('Bearer a', identity, () => undefined);
    unwatch();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(checks).toEqual([]);
    expect(await watch.ensureValid('Bearer a', identity)).toBe(false);
  });
});
