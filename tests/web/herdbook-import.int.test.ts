import { expect, it } from 'vitest';
import { describeInChromium } from '../support/chromium.js';
import { newOrganization } from '../support/gateway-client.js';
import { expectAccessible, openApp, screenshot, signInInApp } from './web-app.js';

describeInChromium('the web app: herdbook import', (browser) => {
  it('lists a bad row by its line and imports nothing, then imports the corrected file', async () => {
    const keeper = await newOrganization('Importer');
    const { page, pageErrors } = await openApp(browser(), '/sign-in');
    await signInInApp(page, keeper.email);
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import a herdbook' }).waitFor();
    const csv = page.getByLabel('CSV text');
    await csv.fill('id,sire,dam,sex,name\nB1,,,M,Bruno\nB2,,,X,Bella\nB3,B1,B2,F,Bonnie');
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    const problems = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await problems.waitFor();
    const rows = await problems.getByRole('row').allTextContents();
    expect(rows.slice(1).some((row) => row.startsWith('3'))).toBe(true);
    await screenshot(page, 'import-errors');
    await expectAccessible(page, 'the import page with bad rows');

    await csv.fill('id,sire,dam,sex,name\nB1,,,M,Bruno\nB2,,,F,Bella\nB3,B1,B2,F,Bonnie');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported 3 animals.').waitFor();
    await page.getByRole('link', { name: 'Collection' }).click();
    await page.getByRole('link', { name: 'Bonnie' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
