import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SubgraphClient } from './subgraph-client.js';

let server: Server | undefined;
let client: SubgraphClient | undefined;

/** A server that resets the connection of its first `resets` requests without answering, then echoes the body. */
async function resettingServer(resets: number): Promise<{ url: string; received: () => number }> {
  let received = 0;
  server = createServer((request, response) => {
    received++;
    if (received <= resets) return void request.socket.destroy();
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, received: () => received };
}

afterEach(async () => {
  await client?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe('SubgraphClient', () => {
  it('sends a query once more when its connection was reset before any answer', async () => {
    const target = await resettingServer(1);
    client = new SubgraphClient(target.url);
    const reply = await client.post('{"query":"{ a }"}', {}, true);
    expect(reply).toMatchObject({ status: 200, contentType: 'application/json', text: '{"query":"{ a }"}' });
    expect(target.received()).toBe(2);
  });

  it('never sends a mutation twice: the subgraph may have committed it before the reset', async () => {
    const target = await resettingServer(1);
    client = new SubgraphClient(target.url);
    await expect(client.post('{"query":"mutation { a }"}', {}, false)).rejects.toThrow();
    expect(target.received()).toBe(1);
  });
});
