import { expect, it } from 'vitest';
import { describeInChromium } from '../support/chromium.js';
import { newOrganization } from '../support/gateway-client.js';
import { expectAccessible, openApp, screenshot, signInInApp } from './web-app.js';

describeInChromium('the web app: farms', (browser) => {
  it('adds farms, refusing a latitude out of range at its field, and finds the ones near a point, nearest first', async () => {
    const keeper = await newOrganization('Farms');
    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, keeper.email);
    const { page } = app;
    await page.getByRole('link', { name: 'Farms' }).click();
    await page.getByRole('heading', { name: 'Farms', level: 1 }).waitFor();
    await page.getByText('No farms yet').waitFor();

    const add = page.getByRole('region', { name: 'Add a farm' });
    await add.getByLabel('Farm name').fill('Ridge');
    await add.getByLabel('Latitude').fill('95');
    await add.getByLabel('Longitude').fill('174.78');
    await add.getByRole('button', { name: 'Add farm' }).click();
    await expect.poll(() => add.getByRole('textbox', { name: 'Latitude' }).getAttribute('aria-invalid')).toBe('true');
    await add.getByText(/between -90 and 90/).waitFor();
    expect(await page.getByText('No farms yet').count()).toBe(1);

    await add.getByLabel('Latitude').fill('-41,29');
    await add.getByLabel('Country').fill('nz');
    await add.getByRole('button', { name: 'Add farm' }).click();
    const list = page.getByRole('region', { name: 'Your farms' });
    await list.getByRole('cell', { name: 'Ridge' }).waitFor();
    await list.getByRole('cell', { name: 'NZ' }).waitFor();
    await add.getByLabel('Farm name').fill('Valley');
    await add.getByLabel('Latitude').fill('-41.50');
    await add.getByLabel('Longitude').fill('175.00');
    await add.getByRole('button', { name: 'Add farm' }).click();
    await list.getByRole('cell', { name: 'Valley' }).waitFor();

    const near = page.getByRole('region', { name: 'Farms near a point' });
    await near.getByLabel('From latitude').fill('-41.30');
    await near.getByLabel('From longitude').fill('174.80');
    await near.getByLabel('Within km').fill('100');
    await near.getByRole('button', { name: 'Find farms' }).click();
    const nearest = near.getByRole('list', { name: 'Nearest farms' }).getByRole('listitem');
    await expect.poll(async () => (await nearest.allTextContents()).map((text) => text.split(' ')[0])).toEqual(['Ridge', 'Valley']);
    await near.getByLabel('Within km').fill('0');
    await near.getByRole('button', { name: 'Find farms' }).click();
    await expect.poll(() => near.getByRole('textbox', { name: 'Within km' }).getAttribute('aria-invalid')).toBe('true');

    await expectAccessible(page, 'the farms page');
    await screenshot(page, 'farms');
    expect(app.pageErrors).toEqual([]);
  });
});
