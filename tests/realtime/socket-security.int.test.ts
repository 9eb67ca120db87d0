import { describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { gql, newOrganization } from '../support/gateway-client.js';
import { connect, newBreedingSession, subscribe, wsUrlOf } from './ws-client.js';
import { graphql } from '../__generated__/index.js';

/** A raw graphql-transport-ws socket, to speak the protocol wrongly on purpose. */
async function rawSocket(): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }>; messages: unknown[] }> {
  const socket = new WebSocket(wsUrlOf(inject('gatewayUrl')), 'graphql-transport-ws');
  const messages: unknown[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
  return { socket, closed, messages };
}

const send = (socket: WebSocket, message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message));
const ack = async (messages: unknown[]) => {
  for (let i = 0; i < 100 && !messages.some((m) => (m as { type: string }).type === 'connection_ack'); i += 1) await new Promise((r) => setTimeout(r, 50));
};

describe('graphql-ws socket security', () => {
  it('closes 4403 Forbidden without a token, with a malformed one and with an unknown one', async () => {
    for (const params of [{}, { authorization: 'Token abc' }, { authorization: `Bearer ${'x'.repeat(43)}` }]) {
      const { closed } = connect(inject('gatewayUrl'), undefined, params);
      expect(await closed).toBe(4403);
    }
  });

  it('accepts the token under "authorization" or "Authorization"', async () => {
    const keeper = await newOrganization('Keys');
    for (const key of ['authorization', 'Authorization']) {
      const { socket, closed, messages } = await rawSocket();
      send(socket, { type: 'connection_init', payload: { [key]: `Bearer ${keeper.token}` } });
      await ack(messages);
      expect(messages).toEqual([{ type: 'connection_ack' }]);
      socket.close(1000);
      expect((await closed).code).toBe(1000);
    }
  });

  it('closes with the standard codes for protocol abuse', async () => {
    const keeper = await newOrganization('Abuse');
    const init = { type: 'connection_init', payload: { authorization: `Bearer ${keeper.token}` } };
    const subscribeMessage = (id: string) => ({ id, type: 'subscribe', payload: { query: '{ __typename }' } });

    // 4401: subscribing before the connection was acknowledged.
    let raw = await rawSocket();
    send(raw.socket, subscribeMessage('1'));
    expect((await raw.closed).code).toBe(4401);

    // 4400: a message that is not the protocol.
    raw = await rawSocket();
    send(raw.socket, '{"type":"no-such-type"}');
    expect((await raw.closed).code).toBe(4400);

    // 4429: a second connection_init.
    raw = await rawSocket();
    send(raw.socket, init);
    send(raw.socket, init);
    expect((await raw.closed).code).toBe(4429);

    // 4409: two live operations under one id.
    const { sessionId } = await newBreedingSession(inject('gatewayUrl'), keeper.token, 'Abuse');
    raw = await rawSocket();
    send(raw.socket, init);
    await ack(raw.messages);
    const live = {
      id: 'same',
      type: 'subscribe',
      payload: { query: 'subscription($s: ID!) { breedingSessionEvents(sessionId: $s) { id } }', variables: { s: sessionId } },
    };
    send(raw.socket, live);
    send(raw.socket, live);
    expect((await raw.closed).code).toBe(4409);

    // 4408: no connection_init in time.
    raw = await rawSocket();
    expect((await raw.closed).code).toBe(4408);
  });

  it('closes the connection with 4403 once its session is signed out elsewhere', async () => {
    const keeper = await newOrganization('SignOut');
    const { sessionId } = await newBreedingSession(inject('gatewayUrl'), keeper.token, 'SignOut');
    const socket = connect(inject('gatewayUrl'), keeper.token);
    const live = subscribe(socket.client, 'subscription($s: ID!) { breedingSessionEvents(sessionId: $s) { id } }', { s: sessionId });
    // The subscription is up: an HTTP query on the same token still works.
    expect((await gql(graphql(`query SocketSecurityMe { me { id } }`), {}, keeper.token)).errors).toBeUndefined();
    const signedOut = await gql(graphql(`mutation SocketSecuritySignOut { signOut }`), {}, keeper.token);
    expect(signedOut.data).toEqual({ signOut: true });
    expect(await socket.closed).toBe(4403);
    expect(live.results).toEqual([]);
  });

  it('answers errors without stacks, SQL or service names', async () => {
    const keeper = await newOrganization('Masked');
    const socket = connect(inject('gatewayUrl'), keeper.token);
    const bad = subscribe(socket.client, 'subscription { breedingSessionEvents(sessionId: "not-a-uuid") { id } }');
    const ended = await bad.ended();
    const text = JSON.stringify(ended.error);
    expect((ended.error as { extensions: { code: string } }[]).map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    expect(text).not.toMatch(/stack|select |animal subgraph|postgres|ECONN|at .*\.ts/i);
    socket.dispose();
  });

  it('refuses control characters in subscription arguments, as over HTTP, naming the argument', async () => {
    const keeper = await newOrganization('Strict socket');
    const socket = connect(inject('gatewayUrl'), keeper.token);
    for (const [variables, field] of [
      [{ id: 'a\u0000b' }, 'sessionId'],
      [{ id: '00000000-0000-4000-8000-000000000000', after: '\ud800' }, 'after'],
    ] as const) {
      const bad = subscribe(socket.client, 'subscription($id: ID!, $after: String) { breedingSessionEvents(sessionId: $id, after: $after) { id } }', variables);
      const ended = await bad.ended();
      expect((ended.error as { extensions: Record<string, unknown> }[]).map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    }
    socket.dispose();
  });
});
