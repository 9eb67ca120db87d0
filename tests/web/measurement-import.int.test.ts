import { expect, it } from 'vitest';
import { describeInChromium } from '../support/chromium.js';
import { createAnimal, gqlData, newOrganization } from '../support/gateway-client.js';
import { appOrigin, choose, expectAccessible, openApp, screenshot, signInInApp } from './web-app.js';

describeInChromium('the web app: measurements', (browser) => {
  it('lists a bad row by its line and imports nothing, then imports the file, charts the animal and its group’s monthly means', async () => {
    const keeper = await newOrganization('Measurer');
    const cow = await createAnimal(keeper, { name: 'Daisy', species: 'Cattle', hatchDate: '2021-02-01' });
    const farm = (await gqlData(`mutation { createFarm(input: { name: "Hill", latitude: -41, longitude: 175 }) { id } }`, {}, keeper.token)) as {
      createFarm: { id: string };
    };
    const group = (await gqlData(
      `mutation ($farmId: ID!) { createGroup(input: { farmId: $farmId, name: "Heifers" }) { id } }`,
      { farmId: farm.createFarm.id },
      keeper.token,
    )) as {
      createGroup: { id: string };
    };
    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, keeper.email);
    const { page } = app;
    await page.getByRole('link', { name: 'Measurements' }).click();
    await page.getByRole('heading', { name: 'Import measurements' }).waitFor();
    await expectAccessible(page, 'the measurement import page');

    const row = (value: string, day: string) => `${cow.id},fat_depth,${value},mm,${day},${group.createGroup.id}`;
    const csv = page.getByLabel('Measurements CSV');
    await csv.fill(['animal,trait,value,unit,date,group', row('4.5', '2024-01-10'), row('4000', '2024-02-10'), row('6.5', '2024-03-10')].join('\n'));
    await page.getByRole('button', { name: 'Import measurements' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await problems.waitFor();
    const lines = (await problems.getByRole('row').allTextContents()).slice(1);
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith('3')).toBe(true);
    await expectAccessible(page, 'the measurement import page with a bad row');
    await screenshot(page, 'measurement-import-errors');
    const before = (await gqlData(`query ($id: ID!) { animal(id: $id) { measurements { id } } }`, { id: cow.id }, keeper.token)) as {
      animal: { measurements: unknown[] };
    };
    expect(before.animal.measurements).toEqual([]);

    await csv.fill(['animal,trait,value,unit,date,group', row('4.5', '2024-01-10'), row('5.5', '2024-01-20'), row('6.5', '2024-03-10')].join('\n'));
    await page.getByRole('button', { name: 'Import measurements' }).click();
    await page.getByText('Imported 3 measurements.').waitFor();

    await page.goto(`${appOrigin()}/animals/${cow.id}`);
    const chart = page.getByRole('region', { name: 'Measurements' }).getByRole('figure');
    await chart.getByRole('img', { name: /Fat depth over time/ }).waitFor();
    await chart.locator('canvas').waitFor();
    await chart.getByText('Values as a table').click();
    expect((await chart.getByRole('row').allTextContents()).slice(1)).toEqual(['2024-01-104.5', '2024-01-205.5', '2024-03-106.5']);
    await expectAccessible(page, 'the animal page with its measurement chart');

    await page.goto(`${appOrigin()}/trends`);
    await choose(page, 'Farm', 'Hill');
    await choose(page, 'Group', 'Heifers');
    await choose(page, 'Species', 'Cattle');
    await choose(page, 'Trait', 'Fat depth');
    await page.getByRole('img', { name: /Monthly mean fat depth of Heifers/ }).waitFor();
    await page.getByText('Values as a table').click();
    expect((await page.getByRole('figure').getByRole('row').allTextContents()).slice(1)).toEqual(['2024-01 (2 measured)5', '2024-03 (1 measured)6.5']);
    await expectAccessible(page, 'the trends page');
    await screenshot(page, 'trends');
    expect(app.pageErrors).toEqual([]);
  });
});
