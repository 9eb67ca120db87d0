import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayContext } from './auth/caller.js';
import { IdentityDataSource } from './identity-data-source.js';

let server: Server | undefined;
let dataSource: IdentityDataSource | undefined;

/** A subgraph that holds every answer 50 ms, so concurrent reads are still in flight together, and counts what it received. */
async function slowSubgraph(): Promise<{ url: string; received: () => number }> {
  let received = 0;
  server = createServer((request, response) => {
    received++;
    request.resume();
    request.on('end', () => setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"a":1}}'), 50));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, received: () => received };
}

const sameRead = () => ({ request: { query: '{ a }' }, context: { identityToken: 'one-caller' } }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

afterEach(async () => {
  await dataSource?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe('IdentityDataSource', () => {
  it("shares one subgraph call among one caller's identical reads in flight at once", async () => {
    const subgraph = await slowSubgraph();
    dataSource = new IdentityDataSource('animal', subgraph.url);
    const answers = await Promise.all(Array.from({ length: 5 }, () => dataSource!.process(sameRead())));
    expect(answers).toEqual(Array(5).fill({ data: { a: 1 } }));
    expect(subgraph.received()).toBe(1);
  });

  it('sends every read when the operator turned sharing off (SUBGRAPH_DEDUPE=off)', async () => {
    const subgraph = await slowSubgraph();
    dataSource = new IdentityDataSource('animal', subgraph.url, undefined, undefined, false);
    const answers = await Promise.all(Array.from({ length: 5 }, () => dataSource!.process(sameRead())));
    expect(answers).toEqual(Array(5).fill({ data: { a: 1 } }));
    expect(subgraph.received()).toBe(5);
  });
});
