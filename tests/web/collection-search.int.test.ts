import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInChromium } from '../support/chromium.js';
import { createAnimal, newOrganization } from '../support/gateway-client.js';
import { choose, expectAccessible, openApp, screenshot, signInInApp } from './web-app.js';

/** The names in the collection table, top to bottom. */
async function shownNames(page: Page): Promise<string[]> {
  const cells = await page.getByRole('table').locator('tbody tr td:first-child a').allTextContents();
  return cells.map((name) => name.trim());
}

describeInChromium('the web app: collection search, filters, sort and paging on the server', (browser) => {
  it('sorts by name across pages, filters by status and visibility, and searches by name', async () => {
    const keeper = await newOrganization('Catalogue');
    // 27 animals: more than a page (25). Names zero-padded so A-to-Z is obvious; recorded in reverse.
    const names = Array.from({ length: 27 }, (_, i) => `Herd ${String(i + 1).padStart(2, '0')}`);
    for (const name of [...names].reverse()) await createAnimal(keeper, { name, hatchDate: '2022-01-01' });
    await createAnimal(keeper, { name: 'Aurora', visibility: 'PUBLIC', hatchDate: '2018-02-02' });
    await createAnimal(keeper, { name: 'Zephyr', status: 'DECEASED', hatchDate: '2017-01-01', deceasedAt: '2023-03-03' });

    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, keeper.email);
    const { page } = app;
    await page.getByRole('link', { name: 'Aurora' }).waitFor();

    await choose(page, 'Sort', 'Name');
    await expect.poll(() => shownNames(page)).toEqual(['Aurora', ...names.slice(0, 24)]);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => shownNames(page)).toEqual(names.slice(24));
    await page.getByText('Page 2').waitFor();
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => shownNames(page)).toEqual(['Aurora', ...names.slice(0, 24)]);

    // The dead are out of the current collection, and one choice away.
    expect(await shownNames(page)).not.toContain('Zephyr');
    await choose(page, 'Status', 'Deceased');
    await expect.poll(() => shownNames(page)).toEqual(['Zephyr']);
    await choose(page, 'Status', 'Any status');
    await choose(page, 'Sort', 'Hatch date');
    await expect.poll(async () => (await shownNames(page)).slice(0, 2)).toEqual(['Zephyr', 'Aurora']);

    await choose(page, 'Visibility', 'Public');
    await expect.poll(() => shownNames(page)).toEqual(['Aurora']);
    await choose(page, 'Visibility', 'Any visibility');
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('herd 2');
    // Still by hatch date, all the same: the set is what matters here.
    await expect.poll(async () => (await shownNames(page)).sort()).toEqual(names.filter((name) => name.startsWith('Herd 2')));
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('nobody by this name');
    await page.getByText('No animals match').waitFor();

    await expectAccessible(page, 'the collection with filters');
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('');
    await page.getByRole('link', { name: 'Aurora' }).waitFor();
    await screenshot(page, 'collection-sorted');
    expect(app.pageErrors).toEqual([]);
  });
});
