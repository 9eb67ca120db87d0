import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInChromium } from '../support/chromium.js';
import { appOrigin, choose, expectAccessible, openApp, pickAnimal, screenshot, signUpInApp } from './web-app.js';

async function addAnimal(page: Page, animal: { name: string; sex: 'Male' | 'Female'; hatchDate: string; sire?: string; dam?: string }) {
  await page.getByRole('link', { name: 'Add an animal' }).click();
  await page.getByRole('heading', { name: 'Add an animal' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill(animal.name);
  await choose(page, 'Sex', animal.sex);
  await page.getByLabel('Hatch date').fill(animal.hatchDate);
  if (animal.sire) await pickAnimal(page, 'Sire', animal.sire);
  if (animal.dam) await pickAnimal(page, 'Dam', animal.dam);
  await page.getByRole('button', { name: 'Add animal' }).click();
  await page.getByRole('heading', { name: animal.name, level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Collection' }).click();
}

describeInChromium('the web app: collection, animal page and pedigree', (browser) => {
  it('signs up, adds two animals and their offspring, and shows its pedigree, F and genotype', async () => {
    const { page, pageErrors, origins } = await openApp(browser(), '/');
    // Signed out, the app sends a visitor to sign in.
    await page.getByRole('heading', { name: 'Sign in to Studbook' }).waitFor();
    await expectAccessible(page, 'sign in');
    await signUpInApp(page, 'Pedigree');
    await page.getByText('No animals match').waitFor();
    await expectAccessible(page, 'the empty collection');

    // A refusal is shown at its field: a hatch date in the future.
    await page.getByRole('link', { name: 'Add an animal' }).click();
    await page.getByRole('heading', { name: 'Add an animal' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Too early');
    await page.getByLabel('Hatch date').fill('2999-01-01');
    await page.getByRole('button', { name: 'Add animal' }).click();
    const hatchDate = page.getByLabel('Hatch date');
    await expect.poll(() => hatchDate.getAttribute('aria-invalid')).toBe('true');
    const described = await page.locator('.field', { has: hatchDate }).locator('[slot="errorMessage"]').textContent();
    expect(described).toMatch(/future|hatch/i);
    await expectAccessible(page, 'the animal form with an error');
    await page.getByRole('link', { name: 'Collection' }).click();

    await addAnimal(page, { name: 'Apollo', sex: 'Male', hatchDate: '2019-05-01' });
    await addAnimal(page, { name: 'Athena', sex: 'Female', hatchDate: '2019-06-01' });
    await addAnimal(page, { name: 'Ares', sex: 'Male', hatchDate: '2023-04-01', sire: 'Apollo', dam: 'Athena' });

    // The collection lists all three; search narrows it.
    await expect.poll(() => page.getByRole('row').count()).toBe(4);
    await screenshot(page, 'collection');
    await page.getByLabel('Search by name').fill('ath');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await page.getByLabel('Search by name').fill('');
    await choose(page, 'Sex', 'Male');
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    await expectAccessible(page, 'the collection');

    await page.getByRole('link', { name: 'Ares' }).click();
    await page.getByRole('heading', { name: 'Ares', level: 1 }).waitFor();
    const chart = page.getByRole('figure', { name: /Pedigree of Ares, 4 generations/ });
    await expect.poll(() => chart.getByRole('link', { name: /S: Apollo$/ }).count()).toBe(1);
    await expect.poll(() => chart.getByRole('link', { name: /D: Athena$/ }).count()).toBe(1);
    // Unknown grandparents are drawn as such, not named.
    expect(await chart.locator('.pedigree-box.redacted').count()).toBeGreaterThanOrEqual(4);
    await expect.poll(() => page.getByText('F = 0 %').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/Pedigree completeness \(4 generations\): 25 %/).isVisible()).toBe(true);

    // Ten generations on request.
    await choose(page, 'Show', '10 generations');
    await page.getByRole('figure', { name: /Pedigree of Ares, 10 generations/ }).waitFor();

    // The genotype editor reads as it is typed, refuses what is not a genotype, saves what is.
    const genotype = page.getByRole('textbox', { name: 'Genotype' });
    await genotype.fill('Pastle');
    await expect.poll(() => genotype.getAttribute('aria-invalid')).toBe('true');
    await genotype.fill('pastel het clown');
    await page.getByText(/Reads as Pastel Het Clown/).waitFor();
    await page.getByRole('button', { name: 'Save genotype' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Save genotype' }).isDisabled()).toBe(true);
    await screenshot(page, 'animal');
    await expectAccessible(page, 'the animal page');

    // The parents' page lists the offspring.
    await page.getByRole('link', { name: /S: Apollo$/ }).click();
    await page.getByRole('heading', { name: 'Apollo', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Ares' }).waitFor();

    // A deep link loads the app (history fallback) and a reload keeps the session.
    await page.reload();
    await page.getByRole('heading', { name: 'Apollo', level: 1 }).waitFor();

    expect([...origins]).toEqual([appOrigin()]);
    expect(pageErrors).toEqual([]);
  });

  it('fits a phone: the collection at 375 px wide has no horizontal page scroll', async () => {
    const { page } = await openApp(browser(), '/sign-up', { width: 375, height: 800 });
    await signUpInApp(page, 'Phone');
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'the collection on a phone');
    await screenshot(page, 'collection-phone');
  });
});
