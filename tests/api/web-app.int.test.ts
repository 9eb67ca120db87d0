import { readFileSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '@studbook/platform';
import { WEB_PERSISTED_DOCUMENTS } from '@studbook/gateway/src/web/web-paths.js';
import { newOrganization } from '../support/gateway-client.js';
import { startPolicyGateway } from './policy-gateway.js';

const manifest: Record<string, string> = JSON.parse(readFileSync(WEB_PERSISTED_DOCUMENTS, 'utf8'));
const [speciesHash, speciesDocument] = Object.entries(manifest).find(([, document]) => document.startsWith('query WebSpecies'))!;
const hex = speciesHash.replace(/^sha256:/, '');

interface Answer {
  data?: { species: unknown[] };
  errors?: { extensions: { code: string } }[];
}

const answer = async (response: Response | Promise<Response>) => (await (await response).json()) as Answer;

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('the gateway serves the web app', () => {
  it('answers / and any deep link with the app under a CSP that allows no inline script, and leaves the API paths alone', async () => {
    const origin = new URL(inject('gatewayUrl')).origin;
    for (const page of ['/', '/animals/3f1c', '/sessions']) {
      const response = await fetch(`${origin}${page}`, { headers: { accept: 'text/html' } });
      expect(response.status, page).toBe(200);
      const html = await response.text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script has a src
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      // Photos go straight between the browser and S3: its origin, by name, for PUTs and images; no wildcard.
      const s3 = new URL(inject('s3Endpoint')).origin;
      const sources = Object.fromEntries(
        csp
          .split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(sources['connect-src']).toContain(s3);
      expect(sources['img-src']).toContain(s3);
      expect(csp).not.toContain('*');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
    const script = (await (await fetch(`${origin}/`, { headers: { accept: 'text/html' } })).text()).match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const asset = await fetch(`${origin}${script}`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${origin}/assets/missing.js`)).status).toBe(404);
    // GraphiQL stays at /graphql, the health check answers JSON, an API client's GET is not the app.
    expect(await (await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } })).text()).toContain('<div id="graphiql">');
    expect(await (await fetch(`${origin}/health`, { headers: { accept: 'text/html' } })).text()).toContain('"status":"ok"');
    expect((await fetch(`${origin}/anything`, { headers: { accept: 'application/json' } })).status).toBe(404);
  });
});

describe('trusted documents', () => {
  it('runs an app document sent by its hash alone (Apollo persisted-query extension or documentId)', async () => {
    const url = inject('gatewayUrl');
    const byExtension = await post(url, { extensions: { persistedQuery: { version: 1, sha256Hash: hex } } });
    expect((await answer(byExtension)).data!.species.length).toBeGreaterThan(0);
    const byDocumentId = await post(url, { documentId: speciesHash });
    expect((await answer(byDocumentId)).data!.species.length).toBeGreaterThan(0);
  });

  it('in development, still runs any document, from the app origin too (GraphiQL, API clients)', async () => {
    const url = inject('gatewayUrl');
    const response = await post(url, { query: '{ species { id } }' }, { origin: new URL(url).origin });
    expect(response.status).toBe(200);
  });

  describe('with NODE_ENV=production', () => {
    let gateway: RunningServer;
    let strict: RunningServer;

    beforeAll(async () => {
      gateway = await startPolicyGateway({ NODE_ENV: 'production' });
      strict = await startPolicyGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS: 'everyone' });
    });

    afterAll(async () => {
      await gateway?.stop();
      await strict?.stop();
    });

    it("refuses an unknown document from the app's origin, runs its trusted ones, and lets API clients through", async () => {
      const appOrigin = { origin: new URL(gateway.url).origin };
      const unknown = await post(gateway.url, { query: '{ species { id } }' }, appOrigin);
      expect(unknown.status).toBe(400);
      expect((await answer(unknown)).errors![0].extensions.code).toBe('UNTRUSTED_DOCUMENT');
      const unknownHash = await post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }, appOrigin);
      expect((await answer(unknownHash)).errors![0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const get = await fetch(`${gateway.url}?query=${encodeURIComponent('{ species { id } }')}`, { headers: { ...appOrigin, 'apollo-require-preflight': 'true' } });
      expect(get.status).toBe(400);

      const byHash = await post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hex } } }, appOrigin);
      expect((await answer(byHash)).data!.species.length).toBeGreaterThan(0);
      const asText = await post(gateway.url, { query: speciesDocument }, appOrigin);
      expect((await answer(asText)).data!.species.length).toBeGreaterThan(0);

      // A script or a server (no Origin) is an API client, not the app.
      const apiClient = await post(gateway.url, { query: '{ species { id } }' });
      expect((await answer(apiClient)).data!.species.length).toBeGreaterThan(0);
    });

    it("holds the app's WebSocket to the same rule: an unknown document is refused, a trusted one runs", async () => {
      const member = await newOrganization('Trusted socket keeper');
      const appOrigin = new URL(gateway.url).origin;
      // A browser's socket carries its page's Origin; ws sends one only when told to.
      class AppPageSocket extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { origin: appOrigin } });
        }
      }
      const client = createClient({
        url: gateway.url.replace(/^http/, 'ws'),
        webSocketImpl: AppPageSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${member.token}` },
      });
      const run = (payload: { query: string; extensions?: Record<string, unknown> }) =>
        new Promise<{ results: unknown[] } | { errors: { extensions?: { code?: string } }[] }>((resolve) => {
          const results: unknown[] = [];
          client.subscribe(payload, {
            next: (result) => results.push(result),
            error: (errors) => resolve({ errors: errors as { extensions?: { code?: string } }[] }),
            complete: () => resolve({ results }),
          });
        });
      try {
        const unknown = await run({ query: 'subscription { breedingSessionEvents(sessionId: "00000000-0000-0000-0000-000000000000") { id } }' });
        expect(unknown).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'UNTRUSTED_DOCUMENT' } })] });
        const unknownHash = await run({ query: '', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } });
        expect(unknownHash).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })] });
        const trusted = await run({ query: speciesDocument });
        expect(trusted).toMatchObject({ results: [{ data: { species: expect.any(Array) } }] });
      } finally {
        await client.dispose();
      }
    });

    it('with TRUSTED_DOCUMENTS=everyone, refuses unknown documents from API clients too', async () => {
      const apiClient = await post(strict.url, { query: '{ species { id } }' });
      expect(apiClient.status).toBe(400);
      expect((await answer(apiClient)).errors![0].extensions.code).toBe('UNTRUSTED_DOCUMENT');
      const byHash = await post(strict.url, { documentId: speciesHash });
      expect((await answer(byHash)).data!.species.length).toBeGreaterThan(0);
    });
  });
});
