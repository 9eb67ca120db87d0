import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { graphql } from '../__generated__/index.js';
import { describeInChromium } from '../support/chromium.js';
import { createAnimal, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { appOrigin, expectAccessible, openApp, screenshot, signInInApp } from './web-app.js';

const LIST = graphql(`mutation WebSaleList($input: CreateListingInput!) { createListing(input: $input) { id } }`);

async function listAnimal(seller: Member, name: string, title: string, price: number): Promise<string> {
  const animal = await createAnimal(seller, { name, species: 'Ball python', sex: 'FEMALE', hatchDate: '2023-04-01', visibility: 'PUBLIC' });
  const { createListing } = await gqlData(LIST, { input: { animalId: animal.id, price, currency: 'EUR', title, shipsTo: ['DE'], pickup: true } }, seller.token);
  return createListing.id;
}

/** A link of the app's navigation (pages link to each other too). */
const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });

/** Lets the test cut the page's WebSocket as a network drop would (as in breeding-live.int.test.ts). */
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

describeInChromium('the web app: buying and selling on the marketplace', (browser) => {
  it('a buyer reserves, the seller accepts and completes, the animal moves to the buyer, who reviews the seller', async () => {
    const seller = await newOrganization('Vendor');
    const buyer = await newOrganization('Purchaser');
    const rival = await newOrganization('Rival');
    const name = `Saffron${randomUUID().slice(0, 6)}`;
    const listingId = await listAnimal(seller, name, `${name} pastel female`, 180);
    const listingPath = `/listings/${listingId}`;

    // A rival buyer has the listing open too; the buyer is first.
    const rivalApp = await openApp(browser(), '/sign-in');
    await signInInApp(rivalApp.page, rival.email);
    await rivalApp.page.goto(`${appOrigin()}${listingPath}`);
    await rivalApp.page.getByRole('button', { name: 'Reserve this animal' }).waitFor();

    const buyerApp = await openApp(browser(), '/sign-in');
    const { page } = buyerApp;
    await signInInApp(page, buyer.email);
    await page.goto(`${appOrigin()}${listingPath}`);
    await page.getByRole('heading', { name: `${name} pastel female`, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Vendor Org as a seller' }).waitFor();
    await page.getByText('No review yet.').waitFor();
    await page.getByRole('heading', { name: /Ball python prices/ }).waitFor();
    await expectAccessible(page, 'a listing with its reserve button, reputation and prices');
    await page.getByRole('button', { name: 'Reserve this animal' }).click();
    await page.getByText('Reserved for you.').waitFor();

    // The rival's press comes second: a sentence, not a code.
    await rivalApp.page.getByRole('button', { name: 'Reserve this animal' }).click();
    await rivalApp.page
      .getByRole('alert')
      .getByText(/Another buyer has just reserved this listing/)
      .waitFor();

    // The seller's own listing has no reserve button.
    const sellerApp = await openApp(browser(), '/sign-in');
    const sellerPage = sellerApp.page;
    await signInInApp(sellerPage, seller.email);
    await sellerPage.goto(`${appOrigin()}${listingPath}`);
    await sellerPage.getByText(/This is your organisation's listing/).waitFor();
    expect(await sellerPage.getByRole('button', { name: 'Reserve this animal' }).count()).toBe(0);

    // The seller accepts the reservation, then confirms the payment.
    await section(sellerPage, 'My sales').click();
    await sellerPage.getByRole('heading', { name: 'My sales' }).waitFor();
    const sale = sellerPage.getByRole('listitem').filter({ has: sellerPage.getByRole('heading', { name: `${name} pastel female` }) });
    await sale.getByText('Reserved, awaiting the seller', { exact: true }).waitFor();
    await sale.getByText('Reserved by Purchaser Org').waitFor();
    await expectAccessible(sellerPage, 'my sales');
    await sale.getByRole('button', { name: 'Accept reservation' }).click();
    await sale.getByText('Accepted, awaiting payment', { exact: true }).waitFor();
    await sale.getByRole('button', { name: 'Payment received: complete the sale' }).click();
    await sale.getByText('Completed', { exact: true }).waitFor({ timeout: 30_000 });
    await sale.getByText(`${name} now belongs to Purchaser Org.`).waitFor();
    await sale.getByText('History').click();
    await expect
      .poll(() =>
        sale
          .getByRole('list', { name: /History of/ })
          .getByRole('listitem')
          .allTextContents(),
      )
      .toHaveLength(4);
    await screenshot(sellerPage, 'my-sales');

    // The buyer sees the purchase completed and the animal in their collection.
    await section(page, 'My purchases').click();
    const purchase = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `${name} pastel female` }) });
    await purchase.getByText('Completed', { exact: true }).waitFor({ timeout: 30_000 });
    await purchase.getByText(/is now in your collection/).waitFor();
    await expectAccessible(page, 'my purchases');
    await section(page, 'Collection').click();
    await page.getByRole('link', { name, exact: true }).waitFor();
    await section(page, 'My purchases').click();
    await purchase.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();

    // The buyer reviews the seller; the review shows on the listing page.
    await page.goBack();
    await purchase.getByText('5 stars', { exact: true }).click();
    expect(await purchase.getByRole('radio', { name: '5 stars' }).isChecked()).toBe(true);
    await purchase.getByLabel('Your review').fill('Healthy, well started, packed with care.');
    await purchase.getByRole('button', { name: 'Publish review' }).click();
    await page.getByText('Thank you: your review of Vendor Org is published.').waitFor();
    await screenshot(page, 'my-purchases');
    await page.goto(`${appOrigin()}${listingPath}`);
    await page.getByText('5.0 of 5').waitFor();
    await page.getByText('from 1 review').waitFor();
    await page.getByText('Healthy, well started, packed with care.').waitFor();
    await page.getByRole('img', { name: '5 of 5 stars' }).waitFor();

    // After a reload the purchase shows its review in place of the form.
    await page.goto(`${appOrigin()}/purchases`);
    const ownReview = purchase.getByRole('region', { name: 'Your review' });
    await ownReview.getByText('Healthy, well started, packed with care.').waitFor();
    await ownReview.getByRole('img', { name: '5 of 5 stars' }).waitFor();
    expect(await purchase.getByRole('button', { name: 'Publish review' }).count()).toBe(0);
    await expectAccessible(page, 'a reviewed purchase');
    // The seller reads it on the sale too.
    await sellerPage.goto(`${appOrigin()}/sales`);
    await sale.getByRole('region', { name: "Purchaser Org's review" }).getByText('Healthy, well started, packed with care.').waitFor();
    await page.goto(`${appOrigin()}${listingPath}`);
    await page.getByText('5.0 of 5').waitFor();
    await page.getByText('from 1 review').waitFor();

    expect(buyerApp.pageErrors).toEqual([]);
    expect(sellerApp.pageErrors).toEqual([]);
    expect(rivalApp.pageErrors.filter((e) => !/409|Conflict/i.test(e))).toEqual([]);
  });

  it('the seller declines with a reason the buyer reads; the listing is back on the market; the buyer cancels the next reservation', async () => {
    const seller = await newOrganization('Decliner');
    const buyer = await newOrganization('Hopeful');
    const name = `Juniper${randomUUID().slice(0, 6)}`;
    const listingPath = `/listings/${await listAnimal(seller, name, `${name} het clown`, 95)}`;

    const buyerApp = await openApp(browser(), '/sign-in', { width: 375, height: 800 });
    const { page } = buyerApp;
    await signInInApp(page, buyer.email);
    await page.goto(`${appOrigin()}${listingPath}`);
    await page.getByRole('button', { name: 'Reserve this animal' }).click();
    await page.getByText('Reserved for you.').waitFor();

    const sellerApp = await openApp(browser(), '/sign-in');
    const sellerPage = sellerApp.page;
    await signInInApp(sellerPage, seller.email);
    await sellerPage.goto(`${appOrigin()}/sales`);
    const sale = sellerPage.getByRole('listitem').filter({ has: sellerPage.getByRole('heading', { name: `${name} het clown` }) });
    await sale.getByRole('button', { name: 'Decline…' }).click();
    // A decline needs a reason: the button waits for one.
    expect(await sale.getByRole('button', { name: 'Decline reservation' }).isDisabled()).toBe(true);
    await sale.getByLabel('Reason for declining').fill('Promised to a friend at the show');
    await sale.getByRole('button', { name: 'Decline reservation' }).click();
    await sale.getByText('Declined by the seller', { exact: true }).waitFor();

    // The buyer, on a phone, reads the reason; the listing can be reserved again.
    await page.goto(`${appOrigin()}/purchases`);
    const purchase = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `${name} het clown` }) });
    await purchase.getByText('Declined by the seller', { exact: true }).waitFor();
    await purchase.getByText('Reason given: Promised to a friend at the show').waitFor();
    expect(await purchase.getByRole('button').count()).toBe(0);
    await expectAccessible(page, 'my purchases on a phone');
    await page.goto(`${appOrigin()}${listingPath}`);
    await page.getByRole('button', { name: 'Reserve this animal' }).click();
    await page.getByText('Reserved for you.').waitFor();

    // The buyer changes their mind and cancels; the seller sees it cancelled with the buyer's words.
    await page.goto(`${appOrigin()}/purchases`);
    const reserved = purchase.filter({ hasText: 'Reserved, awaiting the seller' });
    await reserved.getByRole('button', { name: 'Cancel…' }).click();
    await reserved.getByLabel('Reason for cancelling (optional)').fill('Found one closer to home');
    await reserved.getByRole('button', { name: 'Cancel sale' }).click();
    await purchase.getByText('Cancelled', { exact: true }).waitFor();
    await sellerPage.reload();
    await sale.getByText('Reason given: Found one closer to home').waitFor();
    expect(buyerApp.pageErrors).toEqual([]);
    expect(sellerApp.pageErrors).toEqual([]);
  });

  it('saves a search and is told live of a new matching listing, also of one published while the connection was down', async () => {
    const seller = await newOrganization('Breeder');
    const buyer = await newOrganization('Watcher');
    const word = `Ember${randomUUID().slice(0, 8).replace(/\d/g, 'q')}`;

    const watcher = await openApp(browser(), '/sign-in');
    await watcher.context.addInitScript(CUTTABLE_WEBSOCKET);
    const { page } = watcher;
    await signInInApp(page, buyer.email);
    await page.getByRole('link', { name: 'Marketplace' }).click();
    await page.getByRole('searchbox', { name: 'Search listings' }).fill(word);
    await page.getByLabel('Save this search as').fill(`${word} alerts`);
    await page.getByRole('button', { name: 'Save this search' }).click();
    await page.getByText(`Saved “${word} alerts”.`).waitFor();
    await page.getByRole('link', { name: 'See new matches in Saved searches' }).click();
    await page.getByRole('heading', { name: 'Saved searches' }).waitFor();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `${word} alerts` }) });
    await card.getByText(`“${word}”`).waitFor();
    await card.getByText(/No match yet/).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    await expectAccessible(page, 'saved searches');

    const matches = card.getByRole('list', { name: `Matches of ${word} alerts` }).getByRole('listitem');
    await listAnimal(seller, 'Cinder', `${word} first clutch`, 120);
    await matches.filter({ hasText: `${word} first clutch` }).waitFor({ timeout: 30_000 });
    await card.getByText('1 new match since you opened this page').waitFor();

    // The network drops; a listing goes on the market meanwhile; it arrives once, after the reconnect.
    await page.evaluate(`window.__studbookOffline = true; for (const socket of window.__studbookSockets) socket.close(3000, 'network lost')`);
    await page.getByText('Reconnecting…').waitFor();
    await listAnimal(seller, 'Flint', `${word} second clutch`, 140);
    await page.waitForTimeout(1500);
    expect(await matches.count()).toBe(1);
    await page.evaluate('window.__studbookOffline = false');
    await matches.filter({ hasText: `${word} second clutch` }).waitFor({ timeout: 30_000 });
    await page.getByText('Live', { exact: true }).waitFor();
    await expect.poll(() => matches.allTextContents()).toHaveLength(2);
    expect((await matches.allTextContents()).map((text) => text.split(' ')[1])).toEqual(['second', 'first']);
    await screenshot(page, 'saved-searches');

    // Reloaded, the page lists both from the server, once each.
    await page.reload();
    await matches.first().waitFor();
    await expect.poll(() => matches.count()).toBe(2);
    expect(watcher.pageErrors.filter((e) => !/WebSocket/.test(e))).toEqual([]);
  });
});
