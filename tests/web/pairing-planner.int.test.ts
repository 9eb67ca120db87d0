import { expect, it } from 'vitest';
import { graphql } from '../__generated__/index.js';
import { describeInChromium } from '../support/chromium.js';
import { createAnimal, gqlData, newOrganization } from '../support/gateway-client.js';
import { expectAccessible, openApp, pickAnimal, screenshot, signInInApp } from './web-app.js';

const SET_GENOTYPE = graphql(`mutation WebTestSetGenotype($animalId: ID!, $genotype: String!) { setGenotype(animalId: $animalId, genotype: $genotype) { id } }`);

describeInChromium('the web app: pairing planner', (browser) => {
  it('shows a sibling pairing’s F with the common ancestors beside its morph outcomes, and ranks candidate sires', async () => {
    const keeper = await newOrganization('Planner');
    const founderSire = await createAnimal(keeper, { name: 'Zeus', sex: 'MALE', hatchDate: '2015-01-01' });
    const founderDam = await createAnimal(keeper, { name: 'Hera', sex: 'FEMALE', hatchDate: '2015-02-01' });
    const brother = await createAnimal(keeper, { name: 'Castor', sex: 'MALE', hatchDate: '2019-01-01', sireId: founderSire.id, damId: founderDam.id });
    const sister = await createAnimal(keeper, { name: 'Helen', sex: 'FEMALE', hatchDate: '2019-01-01', sireId: founderSire.id, damId: founderDam.id });
    await createAnimal(keeper, { name: 'Outcross', sex: 'MALE', hatchDate: '2019-01-01' });
    await gqlData(SET_GENOTYPE, { animalId: brother.id, genotype: 'Pastel Het Clown' }, keeper.token);
    await gqlData(SET_GENOTYPE, { animalId: sister.id, genotype: 'Het Clown' }, keeper.token);

    const { page, pageErrors } = await openApp(browser(), '/sign-in');
    await signInInApp(page, keeper.email);
    await page.getByRole('link', { name: 'Pairing planner' }).click();
    await page.getByRole('heading', { name: 'Pairing planner' }).waitFor();
    await pickAnimal(page, 'Sire', 'Castor');
    await pickAnimal(page, 'Dam', 'Helen');

    // Full siblings: F = 1/4, half through each founder.
    await page.getByText('F = 25.0 %').waitFor();
    const ancestors = page.getByRole('table', { name: 'Common ancestors' });
    await expect.poll(() => ancestors.getByRole('row').count()).toBe(3);
    expect(await ancestors.textContent()).toMatch(/Zeus12\.5 %.*Hera12\.5 %|Hera12\.5 %.*Zeus12\.5 %/);
    // Pastel Het Clown × Het Clown: a quarter visual Clowns on each side of Pastel, possible hets on the normals.
    const outcomes = page.getByRole('region', { name: 'Morph outcomes' });
    await outcomes.getByRole('cell', { name: 'Pastel Clown', exact: true }).waitFor();
    expect(await outcomes.getByRole('cell', { name: /^1\/8/ }).count()).toBeGreaterThanOrEqual(2);
    expect(await outcomes.textContent()).toMatch(/66% het Clown/);
    await screenshot(page, 'pairing');
    await expectAccessible(page, 'the pairing planner');

    // Candidate sires for Helen: the outcross first.
    await pickAnimal(page, 'Dam to rank for', 'Helen');
    await pickAnimal(page, 'Candidate sire', 'Castor');
    await page.getByRole('button', { name: 'Add candidate' }).click();
    await pickAnimal(page, 'Candidate sire', 'Outcross');
    await page.getByRole('button', { name: 'Add candidate' }).click();
    await page.getByRole('button', { name: 'Rank by offspring F' }).click();
    const ranking = page.getByRole('list', { name: 'Sires, lowest offspring F first' });
    await expect.poll(() => ranking.getByRole('listitem').allTextContents()).toEqual(['Outcross: F = 0 %', 'Castor: F = 25.0 %']);
    expect(pageErrors).toEqual([]);
  });
});
