import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildSchema } from 'graphql';
import { createLogger, MemoryEventBus, Metrics, type UserIdentity } from '@studbook/platform';
import { attachRealtime, type RealtimeServer } from './realtime-server.js';

const identity = { kind: 'user', userId: 'u', organizationId: 'o', role: 'OWNER' } as UserIdentity;
const logger = createLogger('realtime-test', { silent: true });
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The realtime server on a bare HTTP server, with an identify the test controls. */
async function realtime(identify: (authorization: string) => Promise<{ identity: UserIdentity }>): Promise<string> {
  const httpServer = http.createServer();
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const server: RealtimeServer = attachRealtime({
    httpServer,
    schema: () => buildSchema('type Query { ok: Boolean }'),
    validationRules: [],
    runAs: async () => ({ data: null }),
    identify,
    bus: new MemoryEventBus(logger),
    logger,
    metrics: new Metrics(),
    sessionCheckIntervalMs: 20,
  });
  cleanup.push(
    () => new Promise((resolve) => httpServer.close(() => resolve())),
    () => server.close(),
  );
  return `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
}

describe('realtime server handshake', () => {
  it('does not keep watching the token of a client that left while its token was being resolved', async () => {
    let lookups = 0;
    let release!: () => void;
    const resolved = new Promise<void>((resolve) => (release = resolve));
    const url = await realtime(async () => {
      lookups += 1;
      if (lookups === 1) await resolved; // the first lookup is the handshake's, still running when the client leaves
      return { identity };
    });
    const socket = new WebSocket(url, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer gone' } }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await new Promise((resolve) => setTimeout(resolve, 200)); // ten check intervals
    expect(lookups).toBe(1); // a leaked watch would re-check the token every 20 ms
  });
});
