import { expect, it } from 'vitest';
import { describeInChromium } from '../support/chromium.js';
import { createAnimal, gqlData, newOrganization } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';
import { choose, expectAccessible, openApp, pickAnimal, screenshot, signInInApp } from './web-app.js';

const CREATE_FARM = graphql(`mutation FarmsPageCreateFarm($input: FarmInput!) { createFarm(input: $input) { id } }`);
const CURRENT_FARM = graphql(`query FarmsPageCurrentFarm($id: ID!) { animal(id: $id) { currentFarm { from farm { name } group { name } } } }`);

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

  it('adds a group to a farm, refusing a blank name at its field, and moves an animal to the farm and the group', async () => {
    const keeper = await newOrganization('Grouping');
    await gqlData(CREATE_FARM, { input: { name: 'Home paddocks', latitude: -41.3, longitude: 174.8 } }, keeper.token);
    const ewe = await createAnimal(keeper, { name: 'Grouped Ewe', species: 'Sheep', sex: 'FEMALE' });
    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, keeper.email);
    const { page } = app;
    await page.getByRole('link', { name: 'Farms' }).click();
    await page.getByRole('heading', { name: 'Farms', level: 1 }).waitFor();

    const group = page.getByRole('region', { name: 'Add a group' });
    await choose(page, 'Farm of the group', 'Home paddocks');
    await group.getByLabel('Group name').fill('  ');
    await group.getByRole('button', { name: 'Add group' }).click();
    await expect.poll(() => group.getByRole('textbox', { name: 'Group name' }).getAttribute('aria-invalid')).toBe('true');
    await group.getByLabel('Group name').fill('Ewe lambs');
    await group.getByLabel('Purpose').fill('For the 2026 mating');
    await group.getByRole('button', { name: 'Add group' }).click();
    await page.getByRole('region', { name: 'Your farms' }).getByRole('cell', { name: 'Ewe lambs' }).waitFor();

    const move = page.getByRole('region', { name: 'Move an animal to a farm' });
    await pickAnimal(page, 'Animal to move', 'Grouped Ewe');
    await choose(page, 'To farm', 'Home paddocks');
    await choose(page, 'In group', 'Ewe lambs');
    await move.getByLabel('From').fill('2026-03-01');
    await move.getByRole('button', { name: 'Move the animal' }).click();
    await move.getByText('Grouped Ewe is on Home paddocks, in Ewe lambs, from 2026-03-01.').waitFor();
    await expectAccessible(page, 'the farms page with a group and a move');
    const { animal } = await gqlData(CURRENT_FARM, { id: ewe.id }, keeper.token);
    expect(animal?.currentFarm).toEqual({ from: '2026-03-01', farm: { name: 'Home paddocks' }, group: { name: 'Ewe lambs' } });
    expect(app.pageErrors.filter((e) => !/400|Bad Request/i.test(e))).toEqual([]);
  });
});
