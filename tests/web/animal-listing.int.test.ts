import { expect, it } from 'vitest';
import { describeInChromium } from '../support/chromium.js';
import { createAnimal, newOrganization } from '../support/gateway-client.js';
import { appOrigin, expectAccessible, openApp, signInInApp } from './web-app.js';

describeInChromium('the web app: listing an animal for sale from its page', (browser) => {
  it('lists a public animal, with a refused price at its field, withdraws it, and publishes a draft', async () => {
    const keeper = await newOrganization('Seller');
    const animal = await createAnimal(keeper, { name: 'Saffron', visibility: 'PUBLIC', hatchDate: '2023-02-02' });
    const hidden = await createAnimal(keeper, { name: 'Private Pearl', hatchDate: '2023-02-02' });
    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, keeper.email);
    const { page } = app;

    await page.goto(`${appOrigin()}/animals/${hidden.id}`);
    await page.getByRole('region', { name: 'For sale' }).getByText('Only a public animal can be listed').waitFor();

    await page.goto(`${appOrigin()}/animals/${animal.id}`);
    const sale = page.getByRole('region', { name: 'For sale' });
    await sale.getByLabel('Price').fill('0');
    await sale.getByRole('button', { name: 'List for sale' }).click();
    await expect.poll(() => sale.getByRole('textbox', { name: 'Price' }).getAttribute('aria-invalid')).toBe('true');
    await sale.getByText('Price must be a positive number').waitFor();

    await sale.getByLabel('Price').fill('149,50');
    await sale.getByLabel('Ships to').fill('de, at');
    await sale.getByLabel('Your country').fill('de');
    await sale.getByRole('button', { name: 'List for sale' }).click();
    await sale
      .getByText(/Saffron/)
      .first()
      .waitFor();
    await sale.getByText(/149[.,]50/).waitFor();
    // The API keeps ship-to countries in code order.
    await sale.getByText(/Ships to AT, DE; pickup possible; from DE/).waitFor();
    await expectAccessible(page, 'an animal listed for sale');

    await sale.getByRole('button', { name: 'Withdraw from sale' }).click();
    await sale.getByRole('button', { name: 'Save as draft' }).waitFor();
    await sale.getByLabel('Price').fill('99');
    await sale.getByLabel('Headline').fill('Saffron, proven female');
    await sale.getByRole('button', { name: 'Save as draft' }).click();
    await sale.getByText(/The draft “Saffron, proven female” is saved/).waitFor();
    await sale.getByRole('button', { name: 'Publish the draft' }).click();
    await sale.getByText('Saffron, proven female').waitFor();
    await sale.getByText(/\(active\)/).waitFor();
    expect(app.pageErrors).toEqual([]);

    // Another breeder sees the listing, and no button to change it.
    const buyer = await newOrganization('Buyer');
    const other = await openApp(browser(), '/sign-in', { width: 375, height: 800 });
    await signInInApp(other.page, buyer.email);
    await other.page.goto(`${appOrigin()}/animals/${animal.id}`);
    const seen = other.page.getByRole('region', { name: 'For sale' });
    await seen.getByText('Saffron, proven female').waitFor();
    expect(await seen.getByRole('button').count()).toBe(0);
    expect(other.pageErrors).toEqual([]);
  });
});
