import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { hashSessionToken, sessionCacheKey } from '@studbook/platform';
import { describe, expect, it } from 'vitest';
import { dynamoImplementations } from '../../../../../tests/support/dynamo-servers.js';
import { as, asData, BROWSER, codes, identityOf, signInMember, signUpMember } from '../../testing/members.js';
import { leakedErrorDetails, SIGN_IN, startForEachTest, type UserSubgraphHarness } from '../../testing/user-subgraph-harness.js';

interface MySessionsData {
  mySessions: {
    id: string;
    device: string;
    userAgent: string | null;
    ip: string | null;
    organization: { id: string };
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    current: boolean;
  }[];
}

const MY_SESSIONS = /* GraphQL */ `{ mySessions { id device userAgent ip organization { id } createdAt lastSeenAt expiresAt current } }`;
const REVOKE = /* GraphQL */ `mutation ($id: ID!) { revokeSession(id: $id) }`;
const EVERYWHERE = /* GraphQL */ `mutation { signOutEverywhere }`;
const PHONE = {
  ip: '198.51.100.4',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
};

describe.each(dynamoImplementations())('session management on $name', (implementation) => {
  let subgraph: UserSubgraphHarness;
  startForEachTest(implementation, (started) => (subgraph = started), { signInThrottle: { maxFailures: 3, windowSeconds: 900 } });

  it('lists the caller’s sessions with device, address and the current one marked', async () => {
    const ada = await signUpMember(subgraph);
    const phoneToken = await signInMember(subgraph, ada, PHONE);
    const sessions = (await asData<MySessionsData>(subgraph, ada.token, MY_SESSIONS)).mySessions;
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ device: 'Safari on iOS', ip: PHONE.ip, userAgent: PHONE.userAgent, current: false, organization: { id: ada.organizationId } });
    expect(sessions[1]).toMatchObject({ device: 'Firefox on Linux', ip: BROWSER.ip, current: true });
    expect(sessions[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(sessions)).not.toContain(hashSessionToken(phoneToken));
    expect(Date.parse(sessions[0].expiresAt)).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);

    // Nobody else's sessions show up.
    const bea = await signUpMember(subgraph);
    expect((await asData(subgraph, bea.token, MY_SESSIONS)).mySessions).toHaveLength(1);
  });

  it('updates lastSeenAt when the gateway resolves a session, at most once a minute', async () => {
    const ada = await signUpMember(subgraph);
    const key = { PK: `SESSION#${hashSessionToken(ada.token)}`, SK: 'SESSION' };
    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    await subgraph.dynamo.send(
      new UpdateCommand({ TableName: subgraph.tableName, Key: key, UpdateExpression: 'SET lastSeenAt = :t', ExpressionAttributeValues: { ':t': twoMinutesAgo } }),
    );
    subgraph.commands.clear();
    await identityOf(subgraph, ada.token);
    await identityOf(subgraph, ada.token);
    await identityOf(subgraph, ada.token);
    expect(subgraph.commands.get('UpdateItemCommand')).toBe(1);
    const [session] = (await asData<MySessionsData>(subgraph, ada.token, MY_SESSIONS)).mySessions;
    expect(Date.parse(session.lastSeenAt)).toBeGreaterThan(Date.now() - 30_000);
  });

  it('revokes one session by id, dropping the gateway cache entry, and only the caller’s own', async () => {
    const ada = await signUpMember(subgraph);
    const phoneToken = await signInMember(subgraph, ada, PHONE);
    await subgraph.cache.set(sessionCacheKey(hashSessionToken(phoneToken)), 'cached', 60_000);
    const phone = (await asData<MySessionsData>(subgraph, ada.token, MY_SESSIONS)).mySessions.find((s) => !s.current)!;

    const bea = await signUpMember(subgraph);
    expect((await asData(subgraph, bea.token, REVOKE, { id: phone.id })).revokeSession).toBe(false);
    expect(await identityOf(subgraph, phoneToken)).not.toBeNull();

    expect((await asData(subgraph, ada.token, REVOKE, { id: phone.id })).revokeSession).toBe(true);
    expect(await identityOf(subgraph, phoneToken)).toBeNull();
    expect(await subgraph.cache.get(sessionCacheKey(hashSessionToken(phoneToken)))).toBeNull();
    expect(await identityOf(subgraph, ada.token)).not.toBeNull();
    expect(codes(await as(subgraph, ada.token, REVOKE, { id: 'x' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('signs out everywhere, this session included', async () => {
    const ada = await signUpMember(subgraph);
    const others = [await signInMember(subgraph, ada), await signInMember(subgraph, ada, PHONE)];
    const bea = await signUpMember(subgraph);
    expect((await asData(subgraph, ada.token, EVERYWHERE)).signOutEverywhere).toBe(3);
    for (const token of [ada.token, ...others]) expect(await identityOf(subgraph, token)).toBeNull();
    expect(await identityOf(subgraph, bea.token)).not.toBeNull();
  });

  /** Sessions of `userId` written straight to the table (as years of sign-ins would), oldest first. */
  function storedSessions(userId: string, organizationId: string, count: number, userAgent = PHONE.userAgent) {
    const base = Date.now() - count * 60_000;
    return Array.from({ length: count }, (_, i) => {
      const id = randomUUID();
      const tokenHash = hashSessionToken(`stored-${id}`);
      const createdAt = new Date(base + i * 60_000).toISOString();
      return {
        PK: `SESSION#${tokenHash}`,
        SK: 'SESSION',
        GSI1PK: `USER#${userId}`,
        GSI1SK: `SESSION#${id}`,
        id,
        tokenHash,
        userId,
        organizationId,
        createdAt,
        lastSeenAt: createdAt,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        ttl: Math.floor(Date.now() / 1000) + 86_400,
        userAgent,
        ip: PHONE.ip,
      };
    });
  }
  const sessionItemsOf = async (userId: string) => (await subgraph.allItems()).filter((item) => item.SK === 'SESSION' && item.userId === userId);

  it('signs out everywhere even when the sessions fill more than one 1 MB query page', async () => {
    const ada = await signUpMember(subgraph);
    // About 1.2 kB each: 2,500 of them are three pages of GSI1.
    await subgraph.putItems(storedSessions(ada.userId, ada.organizationId, 2500, `${PHONE.userAgent} ${'x'.repeat(1000)}`));
    expect((await sessionItemsOf(ada.userId)).length).toBe(2501);
    expect((await asData(subgraph, ada.token, EVERYWHERE)).signOutEverywhere).toBe(2501);
    expect(await sessionItemsOf(ada.userId)).toEqual([]);
    expect(await identityOf(subgraph, ada.token)).toBeNull();
  });

  it('keeps at most 100 sessions per user, ending the oldest at sign-in, and lists them in a few reads', async () => {
    const ada = await signUpMember(subgraph);
    const stored = storedSessions(ada.userId, ada.organizationId, 120);
    await subgraph.putItems(stored);
    const phoneToken = await signInMember(subgraph, ada, PHONE);
    const left = await sessionItemsOf(ada.userId);
    expect(left).toHaveLength(100);
    const leftIds = new Set(left.map((item) => item.id));
    // The newest survive: the sign-up's and the new sign-in's sessions, and the 98 newest stored ones.
    expect(stored.slice(22).every((item) => leftIds.has(item.id))).toBe(true);
    expect(stored.slice(0, 22).some((item) => leftIds.has(item.id))).toBe(false);
    expect(await identityOf(subgraph, phoneToken)).not.toBeNull();

    subgraph.commands.clear();
    const listed = (await asData<MySessionsData>(subgraph, ada.token, MY_SESSIONS)).mySessions;
    expect(listed).toHaveLength(100);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    expect(subgraph.commands.get('GetItemCommand') ?? 0).toBeLessThan(10);
  });

  it("reads memberships strongly consistently: the session's role for the gateway, and the role shown in me", async () => {
    const ada = await signUpMember(subgraph);
    const reads: { name: string; consistent: unknown }[] = [];
    subgraph.dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { RequestItems?: Record<string, { ConsistentRead?: boolean }>; ConsistentRead?: boolean };
        const text = JSON.stringify(input);
        if (text.includes('MEMBER#')) {
          const batch = input.RequestItems ? Object.values(input.RequestItems)[0] : null;
          reads.push({ name: context.commandName ?? '', consistent: batch ? batch.ConsistentRead : input.ConsistentRead });
        }
        return next(args);
      },
      { step: 'initialize', name: 'watchMembershipReads' },
    );
    try {
      expect(await identityOf(subgraph, ada.token)).toMatchObject({ role: 'OWNER' });
      expect((await asData<{ me: { role: string } }>(subgraph, ada.token, `{ me { role } }`)).me.role).toBe('OWNER');
    } finally {
      subgraph.dynamo.middlewareStack.remove('watchMembershipReads');
    }
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read, read.name).toMatchObject({ consistent: true });
  });

  it('hides sessions past their expiry even while the item still exists', async () => {
    const ada = await signUpMember(subgraph);
    const old = await signInMember(subgraph, ada, PHONE);
    await subgraph.dynamo.send(
      new UpdateCommand({
        TableName: subgraph.tableName,
        Key: { PK: `SESSION#${hashSessionToken(old)}`, SK: 'SESSION' },
        UpdateExpression: 'SET expiresAt = :past, #ttl = :pastTtl',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString(), ':pastTtl': Math.floor(Date.now() / 1000) - 1 },
      }),
    );
    expect(await identityOf(subgraph, old)).toBeNull();
    expect((await asData<MySessionsData>(subgraph, ada.token, MY_SESSIONS)).mySessions.map((s) => s.current)).toEqual([true]);
  });

  it('throttles failed sign-ins per email, saying when to retry, and counts only failures', async () => {
    const ada = await signUpMember(subgraph);
    const wrong = () => subgraph.request(SIGN_IN, { email: ada.email, password: 'wrong password!' });
    // A success in between gives its slot back.
    await wrong();
    await signInMember(subgraph, ada);
    await wrong();
    await wrong();
    const refused = await wrong();
    expect(codes(refused)).toEqual(['TOO_MANY_REQUESTS']);
    const retryAfter = refused.errors![0].extensions!.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(refused.errors![0].message).toMatch(/Try again in \d+ minutes? \(after \d\d:\d\d UTC\)/);
    expect(leakedErrorDetails(refused)).toEqual([]);
    // Even the right password waits now; other emails do not.
    expect(codes(await subgraph.request(SIGN_IN, { email: ada.email.toUpperCase(), password: ada.password }))).toEqual(['TOO_MANY_REQUESTS']);
    const bea = await signUpMember(subgraph);
    await signInMember(subgraph, bea);
  });

  it('evaluates at most the allowed number of sign-ins, whether aliased in one request or sent concurrently', async () => {
    const ada = await signUpMember(subgraph);
    const fields = Array.from({ length: 10 }, (_, i) => `a${i}: signIn(email: $email, password: "wrong password ${i}") { token }`).join('\n');
    const aliased = await subgraph.request(`mutation ($email: String!) { ${fields} }`, { email: ada.email });
    // Mutation fields run in order and the first failure ends the document: one attempt spent.
    expect(codes(aliased)).toEqual(['UNAUTHENTICATED']);

    const concurrent = await Promise.all(Array.from({ length: 10 }, () => subgraph.request(SIGN_IN, { email: ada.email, password: 'wrong password' })));
    const byCode = (code: string) => concurrent.filter((r) => codes(r)[0] === code).length;
    expect(byCode('UNAUTHENTICATED')).toBe(2);
    expect(byCode('TOO_MANY_REQUESTS')).toBe(8);
    const [window] = (await subgraph.allItems()).filter((item) => item.PK === `THROTTLE#${ada.email.toLowerCase()}`);
    expect(window.attempts).toBe(3);
    expect((window.ttl as number) * 1000).toBeGreaterThan(Date.now());
  });
});

describe.each(dynamoImplementations())('session expiry on $name', (implementation) => {
  let subgraph: UserSubgraphHarness;
  // Long enough that sign-up and the first read finish inside it on a loaded machine.
  startForEachTest(implementation, (started) => (subgraph = started), { sessionTtlSeconds: 5 });

  it('refuses a session once its TTL has passed, before DynamoDB deletes the item', async () => {
    const ada = await signUpMember(subgraph);
    expect(await identityOf(subgraph, ada.token)).not.toBeNull();
    const [item] = (await subgraph.allItems()).filter((i) => i.PK === `SESSION#${hashSessionToken(ada.token)}`);
    expect(item.ttl).toBe(Math.floor(Date.parse(item.expiresAt as string) / 1000));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(item.expiresAt as string) - Date.now()) + 100));
    expect(await identityOf(subgraph, ada.token)).toBeNull();
    expect((await subgraph.allItems()).some((i) => i.PK === `SESSION#${hashSessionToken(ada.token)}`)).toBe(true);
  });
});
