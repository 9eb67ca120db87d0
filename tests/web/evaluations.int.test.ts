import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { describeInChromium } from '../support/chromium.js';
import { createAnimal, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';
import { choose, expectAccessible, openApp, screenshot, signInInApp } from './web-app.js';

const CREATE_PROJECT = graphql(`mutation EvaluationsPageCreateProject($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id } }`);
const GRANT = graphql(`
  mutation EvaluationsPageGrant($projectId: ID!, $selection: ProjectGrantSelection!) { grantProjectAccess(projectId: $projectId, selection: $selection) { id } }
`);

/** Mrode (2014) Example 3.1's eight calves and five records, as a breeder would have them (fat depth stands in for the gain). */
async function herd(member: Member) {
  const calf = (name: string, sex: 'MALE' | 'FEMALE', hatchDate: string, sireId?: string, damId?: string) =>
    createAnimal(member, { name, species: 'Cattle', sex, hatchDate, sireId, damId }).then((animal) => animal.id);
  const a1 = await calf('Calf 1', 'MALE', '2019-03-01');
  const a2 = await calf('Calf 2', 'FEMALE', '2019-03-02');
  const a3 = await calf('Calf 3', 'MALE', '2019-03-03');
  const a4 = await calf('Calf 4', 'MALE', '2021-03-01', a1);
  const a5 = await calf('Calf 5', 'FEMALE', '2021-03-02', a3, a2);
  const a6 = await calf('Calf 6', 'FEMALE', '2021-03-03', a1, a2);
  const a7 = await calf('Calf 7', 'MALE', '2022-03-01', a4, a5);
  const a8 = await calf('Calf 8', 'MALE', '2022-03-02', a3, a6);
  const gains = [4.5, 2.9, 3.9, 3.5, 5.0];
  const csv = ['animal,trait,value,unit,date', ...gains.map((gain, i) => `${[a4, a5, a6, a7, a8][i]},fat_depth,${gain},mm,2023-01-10`)].join('\n');
  await gqlData(`mutation ($csv: String!) { importMeasurements(csv: $csv) { imported } }`, { csv }, member.token);
}

describeInChromium('the web app: genetic evaluations', (browser) => {
  it("runs a research project's evaluation from variance components, apart from the organisation's", async () => {
    const lead = await newOrganization('Project evaluator');
    await herd(lead);
    const { createResearchProject: project } = await gqlData(CREATE_PROJECT, { input: { title: 'Fat depth study', status: 'ACTIVE' } }, lead.token);
    await gqlData(GRANT, { projectId: project.id, selection: { species: 'cattle' } }, lead.token);
    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, lead.email);
    const { page } = app;
    await page.getByRole('link', { name: 'Evaluations' }).click();
    await page.getByRole('heading', { name: 'Genetic evaluations' }).waitFor();
    await choose(page, 'Evaluate for', 'Project: Fat depth study');
    await page.getByRole('heading', { name: "The project's evaluations" }).waitFor();
    await page.getByText('No evaluation yet.').waitFor();

    await choose(page, 'Species to evaluate', 'Cattle');
    await choose(page, 'Trait to evaluate', 'Fat depth');
    await page.getByText('Variance components', { exact: true }).click();
    await page.getByLabel('Additive variance (σ²a)').fill('-1');
    await page.getByLabel('Residual variance (σ²e)').fill('40');
    await page.getByRole('button', { name: 'Run the evaluation' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Additive variance (σ²a)' }).getAttribute('aria-invalid')).toBe('true');
    await page.getByText(/additive variance must be a positive number/i).waitFor();
    await expectAccessible(page, 'a project evaluation refused at its variance');
    await page.getByLabel('Additive variance (σ²a)').fill('20');
    await page.getByRole('button', { name: 'Run the evaluation' }).click();

    await page.locator('[data-status="SUCCEEDED"]').waitFor({ timeout: 60_000 });
    await page.getByText(/σ²a 20, σ²e 40/).waitFor();
    // The EBV table is its own query, answered after the run's status: wait for its rows.
    const ebvRows = async () => (await page.getByRole('table', { name: 'Breeding values' }).getByRole('row').allTextContents()).slice(1);
    await expect.poll(ebvRows).toHaveLength(8);
    await page.getByRole('img', { name: /Mean EBV for fat depth by birth year/ }).waitFor();
    const runs = page.getByRole('region', { name: "The project's evaluations" });
    await runs.getByRole('button', { name: /^Fat depth, / }).waitFor();
    await expectAccessible(page, "a project's finished evaluation");

    // The organisation's own evaluations are apart: none yet.
    await choose(page, 'Evaluate for', 'My organisation');
    await page.getByRole('region', { name: 'Your evaluations' }).getByText('No evaluation yet.').waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses a heritability out of range at its field, then runs an evaluation to SUCCEEDED with EBVs, the trend and the export', async () => {
    const breeder = await newOrganization('Evaluator');
    await herd(breeder);
    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, breeder.email);
    const { page } = app;
    await page.getByRole('link', { name: 'Evaluations' }).click();
    await page.getByRole('heading', { name: 'Genetic evaluations' }).waitFor();
    await page.getByText('No evaluation yet.').waitFor();
    await expectAccessible(page, 'the evaluations page');

    await choose(page, 'Species to evaluate', 'Cattle');
    await choose(page, 'Trait to evaluate', 'Fat depth');
    await page.getByLabel('Heritability (h²)').fill('1.5');
    await page.getByRole('button', { name: 'Run the evaluation' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Heritability (h²)' }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Heritability (h²)').fill('0.333');
    await page.getByRole('button', { name: 'Run the evaluation' }).click();

    const progress = page.getByRole('progressbar', { name: 'Evaluation progress' });
    await progress.waitFor();
    await page.locator('[data-status="SUCCEEDED"]').waitFor({ timeout: 60_000 });
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    const ebvs = page.getByRole('table', { name: 'Breeding values' });
    await ebvs.waitFor();
    await expect.poll(async () => (await ebvs.getByRole('row').allTextContents()).slice(1)).toHaveLength(8);
    const rows = (await ebvs.getByRole('row').allTextContents()).slice(1);
    const values = rows.map((row) => Number(/(-?\d+\.\d{3})/.exec(row)?.[1]));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await choose(page, 'Order', 'Most accurate first');
    await expect
      .poll(async () => (await ebvs.getByRole('row').allTextContents()).slice(1).map((row) => Number(/(\d\.\d{2})$/.exec(row)?.[1])))
      .toSatisfy((accuracies: number[]) => accuracies.every((accuracy, i) => i === 0 || accuracy <= accuracies[i - 1]));

    await page.getByRole('img', { name: /Mean EBV for fat depth by birth year/ }).waitFor();
    await page.getByText('Values as a table').click();
    const years = (await page.getByRole('figure').getByRole('row').allTextContents()).slice(1).map((row) => row.slice(0, 4));
    expect(years).toEqual(['2019', '2021', '2022']);
    await expectAccessible(page, 'a finished evaluation with its EBVs and trend');
    await screenshot(page, 'evaluation');

    await choose(page, 'Species of the files', 'Cattle');
    await choose(page, 'Trait of the files', 'Fat depth');
    await page.getByRole('button', { name: 'Prepare the export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download pedigree.txt' }).click()]);
    expect(download.suggestedFilename()).toBe('pedigree.txt');
    const pedigree = await readFile((await download.path()) as string, 'utf8');
    expect(pedigree.trim().split('\n')).toHaveLength(8);

    // The animal page shows the same animal's EBV from this run.
    await page.getByRole('link', { name: 'Collection' }).click();
    await page.getByRole('link', { name: 'Calf 7' }).click();
    const onAnimal = page.getByRole('table', { name: 'Breeding values' });
    await onAnimal.getByRole('cell', { name: 'Fat depth' }).waitFor();
    expect(await onAnimal.getByRole('cell', { name: /mm$/ }).textContent()).toMatch(/^-?\d+\.\d{3} mm$/);
    expect(app.pageErrors).toEqual([]);
  });
});
