import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { graphql } from '../__generated__/index.js';
import { describeInChromium } from '../support/chromium.js';
import { createAnimal, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { appOrigin, expectAccessible, openApp, screenshot, signInInApp } from './web-app.js';

const LIST = graphql(`mutation WebMarketplaceList($input: CreateListingInput!) { createListing(input: $input) { id } }`);
const GENOTYPE = graphql(`mutation WebMarketplaceGenotype($animalId: ID!, $genotype: String!) { setGenotype(animalId: $animalId, genotype: $genotype) { id } }`);

async function listAnimal(seller: Member, animal: { name: string; species: string; sex: 'MALE' | 'FEMALE'; genotype?: string }, title: string, price: number) {
  const created = await createAnimal(seller, { name: animal.name, species: animal.species, sex: animal.sex, hatchDate: '2023-01-01', visibility: 'PUBLIC' });
  if (animal.genotype) await gqlData(GENOTYPE, { animalId: created.id, genotype: animal.genotype }, seller.token);
  const { createListing } = await gqlData(LIST, { input: { animalId: created.id, price, currency: 'EUR', title, shipsTo: ['DE'], pickup: true } }, seller.token);
  return createListing.id;
}

describeInChromium('the web app: marketplace search and a listing', (browser) => {
  it('searches, narrows by a facet with its count, sorts by price, and opens a listing with its pedigree', async () => {
    const seller = await newOrganization('Market');
    // A word no other test's listing has, so the counts are this test's.
    const word = `Quillon${randomUUID().slice(0, 8).replace(/\d/g, 'x')}`;
    await listAnimal(seller, { name: 'Nimbus', species: 'Ball python', sex: 'FEMALE', genotype: 'pastel' }, `${word} pastel female`, 240);
    await listAnimal(seller, { name: 'Orbit', species: 'Ball python', sex: 'MALE' }, `${word} normal male`, 90);
    await listAnimal(seller, { name: 'Pebble', species: 'Leopard gecko', sex: 'FEMALE' }, `${word} gecko`, 60);

    const buyer = await newOrganization('Shopper');
    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, buyer.email);
    const { page } = app;
    await page.getByRole('link', { name: 'Marketplace' }).click();
    await page.getByRole('heading', { name: 'Marketplace' }).waitFor();

    await page.getByRole('searchbox', { name: 'Search listings' }).fill(word);
    const results = page.locator('.listings h2');
    // The search index follows listings within a second.
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBe(3);
    await page.getByRole('status').getByText('3 listings').waitFor();
    const species = page.getByRole('group', { name: 'Species' });
    await species.getByText('Ball python (2)').waitFor();
    await species.getByText('Leopard gecko (1)').waitFor();
    await expectAccessible(page, 'the marketplace');

    await species.getByText('Ball python (2)').click();
    await expect.poll(() => results.count()).toBe(2);
    await page.getByRole('button', { name: /Sort$/ }).click();
    await page.getByRole('option', { name: 'Price, lowest first' }).click();
    await expect.poll(() => results.allTextContents()).toEqual([`${word} normal male`, `${word} pastel female`]);
    await page.getByLabel('Lowest price').fill('100');
    await expect.poll(() => results.allTextContents()).toEqual([`${word} pastel female`]);
    await screenshot(page, 'marketplace');

    await page.getByRole('link', { name: `${word} pastel female` }).click();
    await page.getByRole('heading', { name: `${word} pastel female`, level: 1 }).waitFor();
    await page.getByText('Market Org', { exact: true }).waitFor();
    await page
      .getByText(/Pastel/)
      .first()
      .waitFor();
    await page.getByRole('figure', { name: /Pedigree of Nimbus/ }).waitFor();
    await expectAccessible(page, 'a listing');
    expect(app.pageErrors).toEqual([]);

    // A deep link to the listing works too, phone-sized.
    const phone = await openApp(browser(), '/sign-in', { width: 375, height: 800 });
    await signInInApp(phone.page, buyer.email);
    await phone.page.goto(`${appOrigin()}${new URL(page.url()).pathname}`);
    await phone.page.getByRole('heading', { name: `${word} pastel female`, level: 1 }).waitFor();
    await expectAccessible(phone.page, 'a listing on a phone');
    expect(phone.pageErrors).toEqual([]);
  });
});
