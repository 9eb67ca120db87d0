import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoImplementations } from '../../../../../tests/support/dynamo-servers.js';
import { as, asData, codes, signUpMember, type TestMember } from '../../testing/members.js';
import { startForEachTest, type UserSubgraphHarness } from '../../testing/user-subgraph-harness.js';

interface Connection<TNode> {
  edges: { node: TNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface StartData {
  startConversation: { id: string; title: string; createdAt: string; updatedAt: string; messageCount: number };
}

interface AppendData {
  appendMessage: { id: string; conversationId: string; role: string; content: string; createdAt: string; tokenCount: number; clientMessageId: string };
}

type MessagePage = Connection<{ id: string; content: string }>;

interface MessagesData {
  conversation: { id: string; messageCount: number; messages: MessagePage } | null;
}

interface MineData {
  myConversations: Connection<{ id: string; title: string }>;
}

interface RetentionData {
  setRetentionPolicy: { id: string; retentionDays: number | null };
}

interface InviteData {
  inviteMember: { token: string };
}

const START = `mutation ($title: String) { startConversation(title: $title) { id title createdAt updatedAt messageCount } }`;
const APPEND = `mutation ($c: ID!, $role: MessageRole!, $content: String!, $cid: String!) {
  appendMessage(conversationId: $c, role: $role, content: $content, clientMessageId: $cid) { id conversationId role content createdAt tokenCount clientMessageId }
}`;
const MESSAGES = `query ($id: ID!, $first: Int, $after: String) {
  conversation(id: $id) { id messageCount messages(first: $first, after: $after) { edges { cursor node { id content } } pageInfo { hasNextPage endCursor } } }
}`;
const MINE = `query ($first: Int, $after: String) { myConversations(first: $first, after: $after) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }`;
const EXPORT = `query ($id: ID!) { exportConversation(id: $id) }`;
const DELETE = `mutation ($id: ID!) { deleteConversation(id: $id) }`;
const RETENTION = `mutation ($days: Int) { setRetentionPolicy(days: $days) { id retentionDays } }`;
const INVITE = `mutation ($email: String!) { inviteMember(email: $email, role: MEMBER) { token } }`;
const ACCEPT = `mutation ($token: String!) { acceptInvitation(token: $token) { role } }`;
const SWITCH = `mutation ($id: ID!) { switchOrganization(organizationId: $id) { role } }`;

describe.each(dynamoImplementations())('assistant conversations on $name', (implementation) => {
  let subgraph: UserSubgraphHarness;
  startForEachTest(implementation, (started) => (subgraph = started));

  const start = async (member: TestMember, title?: string) => (await asData<StartData>(subgraph, member.token, START, { title })).startConversation;
  const append = (member: TestMember, c: string, content: string, cid: string, role = 'USER') =>
    as<AppendData>(subgraph, member.token, APPEND, { c, role, content, cid });
  const conversationItems = async (id: string) => (await subgraph.allItems()).filter((item) => item.PK === `CONV#${id}` || item.SK === `CONV#${id}`);

  async function allMessages(member: TestMember, id: string, first = 50): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: MessagePage = (await asData<MessagesData>(subgraph, member.token, MESSAGES, { id, first, after })).conversation!.messages;
      ids.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) return ids;
      after = page.pageInfo.endCursor;
    }
  }

  it('starts a conversation, appends messages in order and pages through them', async () => {
    const ada = await signUpMember(subgraph);
    const conversation = await start(ada, '  Morph odds for a pastel pairing ');
    expect(conversation).toMatchObject({ title: 'Morph odds for a pastel pairing', messageCount: 0 });
    expect((await start(ada)).title).toBe('New conversation');

    const first = (await append(ada, conversation.id, 'What are the odds of a super pastel?', 'm-1')).data!.appendMessage;
    expect(first).toMatchObject({ conversationId: conversation.id, role: 'USER', clientMessageId: 'm-1', tokenCount: 9 });
    expect(first.id).toBe(`${conversation.id}:0000000001`);
    for (let i = 2; i <= 5; i++) await append(ada, conversation.id, `Answer ${i}`, `m-${i}`, 'ASSISTANT');

    const ids = await allMessages(ada, conversation.id, 2);
    expect(ids).toEqual([1, 2, 3, 4, 5].map((n) => `${conversation.id}:${String(n).padStart(10, '0')}`));
    expect([...ids].sort()).toEqual(ids);
    const data = await asData<MessagesData>(subgraph, ada.token, MESSAGES, { id: conversation.id, first: 1 });
    expect(data.conversation!.messageCount).toBe(5);
    expect(codes(await as(subgraph, ada.token, MESSAGES, { id: conversation.id, after: 'bogus' }))).toEqual(['BAD_USER_INPUT']);

    const listed = (await asData<MineData>(subgraph, ada.token, MINE, { first: 1 })).myConversations;
    expect(listed.edges).toHaveLength(1);
    expect(listed.pageInfo.hasNextPage).toBe(true);
    const rest = (await asData<MineData>(subgraph, ada.token, MINE, { first: 5, after: listed.pageInfo.endCursor })).myConversations;
    expect(rest.edges.map((e) => e.node.id)).toEqual([conversation.id]);
  });

  it('stores one message for a retried append, also when the retries run concurrently', async () => {
    const ada = await signUpMember(subgraph);
    const { id } = await start(ada);
    const once = (await append(ada, id, 'hello', 'retry-me')).data!.appendMessage;
    const again = (await append(ada, id, 'hello', 'retry-me')).data!.appendMessage;
    expect(again).toEqual(once);

    const concurrent = await Promise.all(Array.from({ length: 6 }, () => append(ada, id, 'at once', 'same-id')));
    for (const response of concurrent) expect(response.errors).toBeUndefined();
    expect(new Set(concurrent.map((r) => r.data!.appendMessage.id)).size).toBe(1);
    const messages = (await conversationItems(id)).filter((item) => item.SK.startsWith('MSG#'));
    expect(messages.map((m) => m.content)).toEqual(['hello', 'at once']);
    expect((await asData<MessagesData>(subgraph, ada.token, MESSAGES, { id })).conversation!.messageCount).toBe(2);
  });

  it('answers CONFLICT when a clientMessageId is reused for a different message, also concurrently', async () => {
    const ada = await signUpMember(subgraph);
    const { id } = await start(ada);
    await append(ada, id, 'hello', 'c-1');
    const otherContent = await append(ada, id, 'goodbye', 'c-1');
    expect(codes(otherContent)).toEqual(['CONFLICT']);
    expect(otherContent.errors![0].message).toMatch(/clientMessageId/);
    expect(codes(await append(ada, id, 'hello', 'c-1', 'ASSISTANT'))).toEqual(['CONFLICT']);
    expect((await append(ada, id, 'hello', 'c-1')).errors).toBeUndefined();

    const racing = await Promise.all(['first', 'second', 'third'].map((content) => append(ada, id, content, 'c-2')));
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    expect(racing.flatMap(codes)).toEqual(['CONFLICT', 'CONFLICT']);
    const stored = (await conversationItems(id)).filter((item) => item.SK.startsWith('MSG#')).map((m) => m.content);
    expect(stored).toEqual(['hello', racing.find((r) => !r.errors)!.data!.appendMessage.content]);
  });

  it('accepts 100 kB of UTF-8 and refuses a byte more, clearly and without writing', async () => {
    const ada = await signUpMember(subgraph);
    const { id } = await start(ada);
    const exactly = 'é'.repeat(50 * 1024);
    const accepted = await append(ada, id, exactly, 'big');
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.appendMessage.tokenCount).toBe(25_600);

    const tooBig = await append(ada, id, `${exactly}x`, 'too-big');
    expect(codes(tooBig)).toEqual(['BAD_USER_INPUT']);
    expect(tooBig.errors![0].extensions!.field).toBe('content');
    expect(tooBig.errors![0].message).toMatch(/102401 bytes .* at most 102400 bytes/);
    expect(codes(await append(ada, id, 'x', 'bad id with spaces'))).toEqual(['BAD_USER_INPUT']);
    expect((await conversationItems(id)).filter((item) => item.SK.startsWith('MSG#') || item.SK.startsWith('CLIENT#'))).toHaveLength(2);
  });

  it('pages without skipping or repeating while messages are appended concurrently', async () => {
    const ada = await signUpMember(subgraph);
    const { id } = await start(ada);
    const writers = Array.from({ length: 4 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 10; i++) expect((await append(ada, id, `w${w} #${i}`, `w${w}-${i}`)).errors).toBeUndefined();
      })(),
    );
    let writing = true;
    const done = Promise.all(writers).finally(() => (writing = false));
    const seen: string[] = [];
    let after: string | null = null;
    while (writing || after === null || seen.length < 40) {
      const page: MessagePage = (await asData<MessagesData>(subgraph, ada.token, MESSAGES, { id, first: 3, after })).conversation!.messages;
      seen.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.endCursor ?? after;
      if (!writing && !page.pageInfo.hasNextPage && seen.length >= 40) break;
    }
    await done;
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    expect(seen).toEqual([...seen].sort());
    expect(seen.at(-1)).toBe(`${id}:0000000040`);
  });

  it('keeps conversations private to their user, even within one organisation', async () => {
    const owner = await signUpMember(subgraph);
    const bea = await signUpMember(subgraph);
    const { token } = (await asData<InviteData>(subgraph, owner.token, INVITE, { email: bea.email })).inviteMember;
    await asData(subgraph, bea.token, ACCEPT, { token });
    await asData(subgraph, bea.token, SWITCH, { id: owner.organizationId });
    const { id } = await start(owner, 'private');
    await append(owner, id, 'secret breeding plan', 'p-1');

    expect((await asData<MessagesData>(subgraph, bea.token, MESSAGES, { id })).conversation).toBeNull();
    expect((await asData<MineData>(subgraph, bea.token, MINE, {})).myConversations.edges).toEqual([]);
    for (const response of [await append(bea, id, 'sneaky', 's-1'), await as(subgraph, bea.token, EXPORT, { id }), await as(subgraph, bea.token, DELETE, { id })]) {
      expect(codes(response)).toEqual(['NOT_FOUND']);
    }
    expect(await allMessages(owner, id)).toHaveLength(1);
  });

  it('exports every message as JSON and deletes everything, in batches', async () => {
    const ada = await signUpMember(subgraph);
    const { id } = await start(ada, 'to export');
    for (let i = 1; i <= 30; i++) await append(ada, id, `message ${i}`, `e-${i}`, i % 2 ? 'USER' : 'ASSISTANT');
    const exported = JSON.parse((await asData<{ exportConversation: string }>(subgraph, ada.token, EXPORT, { id })).exportConversation);
    expect(exported.conversation).toMatchObject({ id, title: 'to export' });
    expect(exported.messages).toHaveLength(30);
    expect(exported.messages[29]).toMatchObject({ role: 'ASSISTANT', content: 'message 30', clientMessageId: 'e-30' });

    const other = await start(ada, 'kept');
    await append(ada, other.id, 'stays', 'k-1');
    expect((await conversationItems(id)).length).toBe(61);
    subgraph.commands.clear();
    expect((await asData(subgraph, ada.token, DELETE, { id })).deleteConversation).toBe(true);
    expect(subgraph.commands.get('BatchWriteItemCommand')).toBeGreaterThanOrEqual(3);
    expect(await conversationItems(id)).toEqual([]);
    expect(await allMessages(ada, other.id)).toHaveLength(1);
    expect(codes(await as(subgraph, ada.token, DELETE, { id }))).toEqual(['NOT_FOUND']);
  });

  it('pages messages right past expired ones and short (1 MB) query pages: hasNextPage only when more follow', async () => {
    const ada = await signUpMember(subgraph);
    const { id } = await start(ada);
    for (let i = 1; i <= 3; i++) await append(ada, id, `message ${i}`, `p-${i}`);
    const past = Math.floor(Date.now() / 1000) - 1;
    await subgraph.dynamo.send(
      new UpdateCommand({
        TableName: subgraph.tableName,
        Key: { PK: `CONV#${id}`, SK: 'MSG#0000000003' },
        UpdateExpression: 'SET #ttl = :past',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':past': past },
      }),
    );
    const page = (await asData<MessagesData>(subgraph, ada.token, MESSAGES, { id, first: 2 })).conversation!.messages;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(false);

    // 100 kB messages: one Query page (1 MB) holds about ten, a GraphQL page asks for 50.
    const big = await start(ada);
    await subgraph.putItems(
      Array.from({ length: 25 }, (_, i) => ({
        PK: `CONV#${big.id}`,
        SK: `MSG#${String(i + 1).padStart(10, '0')}`,
        conversationId: big.id,
        sequence: i + 1,
        role: 'USER',
        content: 'y'.repeat(100_000),
        createdAt: new Date().toISOString(),
        tokenCount: 25_000,
        clientMessageId: `large-${i}`,
      })),
    );
    const first = (await asData<MessagesData>(subgraph, ada.token, MESSAGES, { id: big.id, first: 20 })).conversation!.messages;
    expect(first.edges).toHaveLength(20);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(await allMessages(ada, big.id, 50)).toHaveLength(25);
  });

  it('refuses to export more than 10 MB of messages at once, pointing to paging instead', async () => {
    const ada = await signUpMember(subgraph);
    const { id } = await start(ada, 'long');
    const content = 'x'.repeat(100_000);
    // 106 messages of 100 kB (the most a message may hold): 10.6 MB, written straight to the table.
    await subgraph.putItems(
      Array.from({ length: 106 }, (_, i) => ({
        PK: `CONV#${id}`,
        SK: `MSG#${String(i + 1).padStart(10, '0')}`,
        conversationId: id,
        sequence: i + 1,
        role: 'USER',
        content,
        createdAt: new Date().toISOString(),
        tokenCount: 25_000,
        clientMessageId: `big-${i}`,
      })),
    );
    const refused = await as(subgraph, ada.token, EXPORT, { id });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].message).toMatch(/10 MB.*messages\(first, after\)/);
    // Paging still reads all of it.
    expect(await allMessages(ada, id, 50)).toHaveLength(106);
  });

  it('deletes all or nothing visible: a deletion that fails half-way hides the conversation and a retry finishes it', async () => {
    const ada = await signUpMember(subgraph);
    const { id } = await start(ada, 'half-deleted');
    for (let i = 1; i <= 60; i++) await append(ada, id, `message ${i}`, `h-${i}`);
    let batches = 0;
    subgraph.dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchWriteItemCommand' && ++batches === 2) throw new Error('network lost');
        return next(args);
      },
      { step: 'initialize', name: 'failSecondBatch' },
    );
    const failed = await as(subgraph, ada.token, DELETE, { id });
    subgraph.dynamo.middlewareStack.remove('failSecondBatch');
    expect(failed.errors).toHaveLength(1);
    expect((await conversationItems(id)).length).toBeGreaterThan(1);

    // Nothing of it is visible, and nothing can be added to it, until the deletion is finished.
    expect((await asData<MessagesData>(subgraph, ada.token, MESSAGES, { id })).conversation).toBeNull();
    expect((await asData<MineData>(subgraph, ada.token, MINE, {})).myConversations.edges).toEqual([]);
    expect(codes(await as(subgraph, ada.token, EXPORT, { id }))).toEqual(['NOT_FOUND']);
    expect(codes(await append(ada, id, 'too late', 'h-late'))).toEqual(['NOT_FOUND']);

    expect((await asData(subgraph, ada.token, DELETE, { id })).deleteConversation).toBe(true);
    expect(await conversationItems(id)).toEqual([]);
    expect(codes(await as(subgraph, ada.token, DELETE, { id }))).toEqual(['NOT_FOUND']);
  });

  it("applies the organisation's retention policy to new items through TTL, and hides expired ones on read", async () => {
    const owner = await signUpMember(subgraph);
    const before = await start(owner, 'before the policy');
    expect((await asData<RetentionData>(subgraph, owner.token, RETENTION, { days: 30 })).setRetentionPolicy.retentionDays).toBe(30);
    expect(codes(await as(subgraph, owner.token, RETENTION, { days: 0 }))).toEqual(['BAD_USER_INPUT']);
    const after = await start(owner, 'after the policy');
    await append(owner, after.id, 'expires in 30 days', 'r-1');

    const items = await subgraph.allItems();
    const thirtyDays = Date.now() / 1000 + 30 * 86400;
    for (const item of items.filter((i) => i.SK === `CONV#${after.id}` || i.PK === `CONV#${after.id}`))
      expect(Math.abs((item.ttl as number) - thirtyDays)).toBeLessThan(120);
    expect(items.find((i) => i.SK === `CONV#${before.id}`)!.ttl).toBeUndefined();

    // Past its TTL but not yet swept by DynamoDB: gone for the user.
    const past = Math.floor(Date.now() / 1000) - 1;
    await subgraph.dynamo.send(
      new UpdateCommand({
        TableName: subgraph.tableName,
        Key: { PK: `USER#${owner.userId}`, SK: `CONV#${after.id}` },
        UpdateExpression: 'SET #ttl = :past',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':past': past },
      }),
    );
    expect((await asData<MessagesData>(subgraph, owner.token, MESSAGES, { id: after.id })).conversation).toBeNull();
    expect((await asData<MineData>(subgraph, owner.token, MINE, {})).myConversations.edges.map((e) => e.node.id)).toEqual([before.id]);
    expect(codes(await append(owner, after.id, 'too late', 'r-2'))).toEqual(['NOT_FOUND']);
    // Expired but not yet swept: it can still be deleted, with everything under it.
    expect((await asData(subgraph, owner.token, DELETE, { id: after.id })).deleteConversation).toBe(true);
    expect(await conversationItems(after.id)).toEqual([]);

    expect((await asData<RetentionData>(subgraph, owner.token, RETENTION, { days: null })).setRetentionPolicy.retentionDays).toBeNull();
    const member = await signUpMember(subgraph);
    const { token } = (await asData<InviteData>(subgraph, owner.token, INVITE, { email: member.email })).inviteMember;
    await asData(subgraph, member.token, ACCEPT, { token });
    await asData(subgraph, member.token, SWITCH, { id: owner.organizationId });
    expect(codes(await as(subgraph, member.token, RETENTION, { days: 7 }))).toEqual(['FORBIDDEN']);
  });

  it("expires a conversation's messages by its own organisation's policy, never before the messages", async () => {
    const owner = await signUpMember(subgraph);
    const ttlOf = async (id: string) => {
      const items = await subgraph.allItems();
      const conversation = items.find((i) => i.SK === `CONV#${id}`)!;
      const messages = items.filter((i) => i.PK === `CONV#${id}` && i.SK.startsWith('MSG#'));
      return { conversation: conversation.ttl as number | undefined, last: messages.at(-1)!.ttl as number | undefined };
    };
    const inDays = (days: number) => Date.now() / 1000 + days * 86400;
    await asData<RetentionData>(subgraph, owner.token, RETENTION, { days: 30 });
    const { id } = await start(owner, 'kept for 30 days');

    // Switched to another organisation without a policy: the conversation still belongs to the first.
    const other = (
      await asData<{ createOrganization: { organization: { id: string } } }>(
        subgraph,
        owner.token,
        `mutation { createOrganization(name: "Second farm") { organization { id } } }`,
      )
    ).createOrganization.organization.id;
    await asData(subgraph, owner.token, SWITCH, { id: other });
    await append(owner, id, 'written from the other organisation', 'o-1');
    let ttl = await ttlOf(id);
    expect(Math.abs(ttl.last! - inDays(30))).toBeLessThan(120);
    expect(ttl.conversation).toBeGreaterThanOrEqual(ttl.last!);

    // A shorter policy never pulls the conversation's expiry below an earlier message's.
    await asData(subgraph, owner.token, SWITCH, { id: owner.organizationId });
    await asData<RetentionData>(subgraph, owner.token, RETENTION, { days: 7 });
    await append(owner, id, 'seven days', 'o-2');
    ttl = await ttlOf(id);
    expect(Math.abs(ttl.last! - inDays(7))).toBeLessThan(120);
    expect(Math.abs(ttl.conversation! - inDays(30))).toBeLessThan(120);

    // No policy any more: the new message keeps forever, so must its conversation.
    await asData<RetentionData>(subgraph, owner.token, RETENTION, { days: null });
    await append(owner, id, 'forever', 'o-3');
    ttl = await ttlOf(id);
    expect(ttl.last).toBeUndefined();
    expect(ttl.conversation).toBeUndefined();
    await append(owner, id, 'still forever after a policy returns', 'o-4');
    await asData<RetentionData>(subgraph, owner.token, RETENTION, { days: 7 });
    await append(owner, id, 'seven days again', 'o-5');
    expect((await ttlOf(id)).conversation).toBeUndefined();
    expect((await asData<MessagesData>(subgraph, owner.token, MESSAGES, { id })).conversation!.messageCount).toBe(5);
  });
});
