import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInChromium } from '../support/chromium.js';
import { gql, newOrganization } from '../support/gateway-client.js';
import { PLAYGROUND_TABS } from '@studbook/gateway/src/playground/playground-page.js';
import { connect, newBreedingSession, recordEvent, subscribe } from '../realtime/ws-client.js';

const SCREENSHOT = path.resolve(import.meta.dirname, '..', '..', 'docs', 'playground.png');

/** Sets a GraphiQL (CodeMirror 5) editor's text, as typing would. */
async function setEditor(page: Page, selector: string, text: string): Promise<void> {
  const editor = page.locator(`${selector} .CodeMirror`).filter({ visible: true }).first();
  await editor.waitFor();
  await editor.evaluate((element, text) => (element as unknown as CodeMirrorElement).CodeMirror.setValue(text), text);
  // GraphiQL re-parses the document (and its operation name) shortly after a change.
  await page.waitForTimeout(500);
}

interface CodeMirrorElement {
  CodeMirror: { setValue(text: string): void; getValue(): string };
}

const responseText = (page: Page) =>
  page
    .locator('.graphiql-response .CodeMirror')
    .first()
    .evaluate((element) => (element as unknown as CodeMirrorElement).CodeMirror.getValue());

async function waitForResponse(page: Page, contains: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await responseText(page);
    if (text.includes(contains)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`the response pane never showed ${contains}; it shows: ${text}`);
}

describeInChromium('the GraphiQL playground in a real browser', (browser) => {
  it('keeps non-browser requests on GET /graphql as they were', async () => {
    const gatewayUrl = inject('gatewayUrl');
    const json = await fetch(`${gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
    const html = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toMatch(/<div id="graphiql">/);
    const noAccept = await fetch(gatewayUrl);
    expect(noAccept.headers.get('content-type')).not.toMatch(/text\/html/);
  });

  it('offers example tabs that the supergraph accepts as written', async () => {
    const keeper = await newOrganization('Examples');
    const socket = connect(inject('gatewayUrl'), keeper.token);
    for (const tab of PLAYGROUND_TABS) {
      const variables = JSON.parse(tab.variables ?? '{}');
      const errors = tab.query.includes('subscription')
        ? (((await subscribe(socket.client, tab.query, variables).ended()).error ?? []) as { extensions?: { code?: string } }[])
        : ((await gql(tab.query, variables, keeper.token)).errors ?? []);
      // Empty ids in the examples' variables may be refused, but never the documents themselves.
      expect(errors.map((e) => e.extensions?.code)).not.toContain('GRAPHQL_VALIDATION_FAILED');
    }
    socket.dispose();
  });

  it('signs in, runs a query, follows a breeding session live and sees an event recorded elsewhere arrive', async () => {
    const gatewayUrl = inject('gatewayUrl');
    const keeper = await newOrganization('Playground');
    const { sessionId } = await newBreedingSession(gatewayUrl, keeper.token, 'Playground');
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    const origins = new Set<string>();
    page.on('request', (request) => void origins.add(new URL(request.url()).origin));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(gatewayUrl);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    expect(await page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(4); // sign-in, pedigree, pairing, live session

    // The token from signing in goes into the headers editor, as a user pastes it.
    await page.getByRole('button', { name: 'Headers' }).click();
    await setEditor(page, '.graphiql-editor-tool', JSON.stringify({ Authorization: `Bearer ${keeper.token}` }));
    await setEditor(page, '.graphiql-query-editor', '{ me { name organization { name } } }');
    await page.locator('.graphiql-execute-button').click();
    expect(await waitForResponse(page, 'Playground Org')).toContain('Playground Keeper');
    // The docs explorer knows the whole supergraph, subscriptions included.
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page.getByText('Subscription', { exact: false }).first().waitFor();

    await setEditor(
      page,
      '.graphiql-query-editor',
      `subscription LiveBreedingSession {\n  breedingSessionEvents(sessionId: "${sessionId}") {\n    type\n    notes\n    occurredAt\n    session {\n      status\n      sire { name }\n      dam { name inbreedingCoefficient owner { name } }\n    }\n  }\n}\n`,
    );
    await page.locator('.graphiql-execute-button').click();
    await page.waitForTimeout(1_500); // the socket opens and the subscription joins
    await recordEvent(gatewayUrl, keeper.token, sessionId, 'LOCK_OBSERVED', { notes: 'first lock, seen in the browser' });
    const live = await waitForResponse(page, 'seen in the browser');
    expect(live).toContain('LOCK_OBSERVED');
    expect(live).toContain('Playground dam');

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    // Everything came from the gateway itself: no CDN, works offline.
    expect([...origins]).toEqual([new URL(gatewayUrl).origin]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
