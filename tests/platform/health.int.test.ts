import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCache, createEventBus, createIdentityVerifier, createLogger, createPgPool, Metrics, type RunningServer } from '@studbook/platform';
import { startCommerceSubgraph } from '@studbook/commerce/src/server.js';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';

// A platform of this file's own: stopping its commerce subgraph must not disturb other files.
let platform: RunningPlatform;
beforeAll(async () => {
  platform = await startCountingPlatform('health');
});
afterAll(() => platform?.stop());

const probe = async (url: string, path: '/health' | '/ready') => {
  const response = await fetch(new URL(path, url));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("the gateway's probes", () => {
  it('is alive and ready with every subgraph up', async () => {
    expect(await probe(platform.gatewayUrl, '/health')).toEqual({ status: 200, body: { status: 'ok', service: 'gateway' } });
    expect(await probe(platform.gatewayUrl, '/ready')).toEqual({
      status: 200,
      body: { ready: true, supergraph: 'loaded', subgraphs: { animal: 'up', commerce: 'up', research: 'up', user: 'up' } },
    });
  });

  it('stays ready while a subgraph is down, and says which one', async () => {
    const commerce = await platform.stopSubgraph('commerce');
    try {
      expect(await probe(platform.gatewayUrl, '/ready')).toEqual({
        status: 200,
        body: { ready: true, supergraph: 'loaded', subgraphs: { animal: 'up', commerce: 'down', research: 'up', user: 'up' } },
      });
    } finally {
      await commerce.restart();
    }
    expect((await probe(platform.gatewayUrl, '/ready')).body.subgraphs).toMatchObject({ commerce: 'up' });
  });
});

describe("a subgraph's probes", () => {
  let proxy: PostgresProxy;
  let commerce: RunningServer;
  beforeAll(async () => {
    // The subgraph reaches PostgreSQL through a proxy this test can cut, as a network partition would.
    const database = new URL(inject('serviceDatabaseUrls').commerce);
    proxy = await startProxy(Number(database.port), database.hostname);
    database.host = `127.0.0.1:${proxy.port}`;
    const logger = createLogger('health', { silent: true });
    const metrics = new Metrics({ processMetrics: false });
    const pool = createPgPool({ url: database.toString(), label: 'commerce', logger, metrics, max: 2 });
    commerce = await startCommerceSubgraph(
      {
        pool,
        identityVerifier: createIdentityVerifier(inject('identityPublicKey')),
        logger,
        metrics,
        animalSubgraphUrl: platform.subgraphUrls.animal,
        // In-process: this subgraph's readiness is its database's alone.
        cache: createCache(undefined, 'health', logger),
        events: createEventBus(undefined, 'health', 'health', logger),
      },
      { port: 0, host: '127.0.0.1' },
    );
    commerce.stop = ((stop) => async () => (await stop(), await pool.end()))(commerce.stop);
  });
  afterAll(async () => {
    await commerce?.stop();
    await proxy?.close();
  });

  it('is ready while its own database answers, not ready (but alive) while it cannot reach it, and ready again after', async () => {
    expect(await probe(commerce.url, '/ready')).toEqual({ status: 200, body: { ready: true, service: 'commerce' } });
    proxy.cut();
    expect(await probe(commerce.url, '/ready')).toEqual({ status: 503, body: { ready: false, service: 'commerce' } });
    expect(await probe(commerce.url, '/health')).toEqual({ status: 200, body: { status: 'ok', service: 'commerce' } });
    proxy.mend();
    expect(await probe(commerce.url, '/ready')).toEqual({ status: 200, body: { ready: true, service: 'commerce' } });
  });
});

interface PostgresProxy {
  port: number;
  /** Drops every connection and refuses new ones until mend(). */
  cut(): void;
  mend(): void;
  close(): Promise<void>;
}

async function startProxy(targetPort: number, targetHost: string): Promise<PostgresProxy> {
  const sockets = new Set<net.Socket>();
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = net.connect(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => (sockets.delete(socket), client.destroy(), upstream.destroy()));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () => ((refusing = true), dropAll()),
    mend: () => void (refusing = false),
    close: () => new Promise((resolve) => (dropAll(), server.close(() => resolve()))),
  };
}
