import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPair } from '../breeding/breeding-client.js';
import { describeInChromium } from '../support/chromium.js';
import { newOrganization } from '../support/gateway-client.js';
import { choose, expectAccessible, openApp, pickAnimal, screenshot, signInInApp } from './web-app.js';

/**
 * Lets the test cut the page's WebSocket as a network drop would: while `__studbookOffline` is set,
 * new sockets go to a closed port, so graphql-ws keeps retrying until it is cleared.
 */
const CUTTABLE_WEBSOCKET = `
  const Native = window.WebSocket;
  window.__studbookSockets = [];
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(window.__studbookOffline ? 'ws://127.0.0.1:9/' : url, protocols);
      window.__studbookSockets.push(this);
    }
  };
`;

const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' }).getByRole('listitem');

async function recordInApp(page: Page, type: string, fields: Record<string, string> = {}) {
  await choose(page, 'Event', type);
  for (const [label, value] of Object.entries(fields)) await page.getByRole(label === 'Notes' ? 'textbox' : 'spinbutton', { name: label, exact: true }).fill(value);
  await page.getByRole('button', { name: 'Record', exact: true }).click();
}

describeInChromium('the web app: a breeding session followed live', (browser) => {
  it('starts a session, shows events recorded in another browser as they happen, across a reconnect, each once', async () => {
    const keeper = await newOrganization('Live');
    await newPair(keeper, 'Live');
    const watcher = await openApp(browser(), '/sign-in');
    await watcher.context.addInitScript(CUTTABLE_WEBSOCKET);
    const { page } = watcher;
    await signInInApp(page, keeper.email);
    await page.getByRole('link', { name: 'Breeding sessions' }).click();
    await page.getByText('No breeding sessions yet.').waitFor();
    await pickAnimal(page, 'Sire', 'Live sire');
    await pickAnimal(page, 'Dam', 'Live dam');
    await page.getByLabel('Notes').fill('first pairing of the season');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('heading', { name: 'Live sire × Live dam' }).waitFor();
    await page.getByText('No events yet.').waitFor();
    await page.getByText('Live', { exact: true }).waitFor(); // the subscription's socket is open

    // A second browser (a colleague at the enclosure) records on the same session.
    const recorder = await openApp(browser(), '/sign-in');
    await signInInApp(recorder.page, keeper.email);
    await recorder.page.goto(page.url());
    await recorder.page.getByRole('heading', { name: 'Record an event' }).waitFor();
    await recordInApp(recorder.page, 'Introduced', { Notes: 'into the tub at dusk' });
    await timeline(page).filter({ hasText: 'into the tub at dusk' }).waitFor();

    // A rule broken is said at the form: hatching before any eggs were laid.
    await recordInApp(recorder.page, 'Hatched', { 'Eggs hatched': '3' });
    await recorder.page.getByRole('alert').filter({ hasText: /egg/i }).waitFor();

    // The watcher's network drops; an event is recorded meanwhile; it arrives once, after the reconnect.
    await page.evaluate(`window.__studbookOffline = true; for (const socket of window.__studbookSockets) socket.close(3000, 'network lost')`);
    await page.getByText('Reconnecting…').waitFor();
    await recordInApp(recorder.page, 'Lock observed', { Notes: 'locked while you were away' });
    await recorder.page.getByRole('region', { name: 'Timeline' }).getByText('locked while you were away').waitFor();
    expect(await timeline(page).count()).toBe(1);
    await page.evaluate('window.__studbookOffline = false');
    await timeline(page).filter({ hasText: 'locked while you were away' }).waitFor({ timeout: 30_000 });
    await page.getByText('Live', { exact: true }).waitFor();

    // Eggs: the clutch appears on the watcher's page too; nothing was shown twice.
    await recordInApp(recorder.page, 'Eggs laid', { 'Number of eggs': '6' });
    await page
      .getByRole('region', { name: 'Clutch' })
      .getByText(/6 eggs/)
      .waitFor();
    await expect.poll(() => timeline(page).allTextContents()).toHaveLength(3);
    const texts = await timeline(page).allTextContents();
    expect(texts.map((text) => text.split(' ')[0])).toEqual(['Introduced', 'Lock', 'Eggs']);
    await screenshot(page, 'breeding-session');
    await expectAccessible(page, 'the breeding session');
    expect(watcher.pageErrors.filter((e) => !/WebSocket/.test(e))).toEqual([]);
    expect(recorder.pageErrors.filter((e) => !/400|409|Bad Request|Conflict/i.test(e))).toEqual([]);
  });
});
