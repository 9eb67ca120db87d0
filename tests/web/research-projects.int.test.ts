import { expect, it } from 'vitest';
import { describeInChromium } from '../support/chromium.js';
import { createAnimal, gqlData, newOrganization } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';
import { appOrigin, choose, expectAccessible, openApp, screenshot, signInInApp } from './web-app.js';

const CREATE_PROJECT = graphql(`mutation ProjectsPageCreate($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id } }`);
const CREATE_FARM = graphql(`mutation ProjectsPageCreateFarm($input: FarmInput!) { createFarm(input: $input) { id } }`);
const ASSIGN = graphql(`mutation ProjectsPageAssign($animal: ID!, $farm: ID!, $from: Date!) { assignAnimal(animalId: $animal, farmId: $farm, from: $from) { id } }`);

describeInChromium('the web app: research projects', (browser) => {
  it('creates a project found by search, invites a researcher of another organisation who joins by the link, and shares and unshares animals', async () => {
    const lead = await newOrganization('Project lead');
    const researcher = await newOrganization('Researcher');
    const ewe = await createAnimal(lead, { name: 'Shared Ewe', species: 'Sheep' });
    const { createFarm: farm } = await gqlData(CREATE_FARM, { input: { name: 'Home paddocks', latitude: -45.87, longitude: 170.5 } }, lead.token);
    await gqlData(ASSIGN, { animal: ewe.id, farm: farm.id, from: '2024-03-01' }, lead.token);
    const word = `flock${crypto.randomUUID().slice(0, 8)}`;
    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, lead.email);
    const { page } = app;
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('heading', { name: 'Research projects' }).waitFor();
    await expectAccessible(page, 'the projects page');

    const form = page.getByRole('region', { name: 'Start a project' });
    await form.getByRole('button', { name: 'Create project' }).click();
    await expect.poll(() => form.getByRole('textbox', { name: 'Title' }).getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Title').fill(`Parasite resistance in ${word}s`);
    await form.getByLabel('Summary').fill('Faecal egg counts of two seasons.');
    await form.getByLabel('Protocol').fill('# Method\n\n<script>alert(1)</script> count **eggs** monthly');
    await choose(page, 'Status', 'Active');
    await form.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: `Parasite resistance in ${word}s`, level: 1 }).waitFor();
    // The protocol is shown as the Markdown it is: the tag is text, never an element.
    await page.getByText('<script>alert(1)</script> count **eggs** monthly').waitFor();

    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('searchbox', { name: 'Search projects' }).fill(word);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const found = page.getByRole('list', { name: `Projects matching ${word}` });
    await found.getByRole('link', { name: `Parasite resistance in ${word}s` }).waitFor();
    await page.getByRole('searchbox', { name: 'Search projects' }).fill(`${word} nothingmatches`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText(/No project matches/).waitFor();
    await page.getByRole('searchbox', { name: 'Search projects' }).fill(word);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await found.getByRole('link', { name: `Parasite resistance in ${word}s` }).click();

    const members = page.getByRole('region', { name: 'Members' });
    await members.getByLabel('Their email').fill(researcher.email);
    await choose(page, 'Invited as', 'Analyst');
    await members.getByRole('button', { name: 'Invite', exact: true }).click();
    const link = (await members.locator('code.invitation-link').textContent()) ?? '';
    expect(link).toMatch(/\/project-invitation#.+/);

    const publications = page.getByRole('region', { name: 'Publications' });
    await publications.getByLabel('DOI').fill('not a doi');
    await publications.getByLabel('Publication title').fill('Egg counts');
    await publications.getByRole('button', { name: 'Add publication' }).click();
    await expect.poll(() => publications.getByRole('textbox', { name: 'DOI' }).getAttribute('aria-invalid')).toBe('true');
    await publications.getByLabel('DOI').fill('https://doi.org/10.1186/S12711-019-0497-Z');
    await publications.getByRole('button', { name: 'Add publication' }).click();
    expect(await publications.getByRole('link', { name: 'doi:10.1186/s12711-019-0497-z' }).getAttribute('href')).toBe('https://doi.org/10.1186/s12711-019-0497-z');

    const shared = page.getByRole('region', { name: 'Shared animals' });
    await choose(page, 'Species to share', 'Sheep');
    await shared.getByRole('button', { name: 'Share with the project' }).click();
    await shared.getByRole('cell', { name: 'Every Sheep', exact: true }).waitFor();
    await expectAccessible(page, 'a project page');
    await screenshot(page, 'research-project');

    const invitee = await openApp(browser(), '/sign-in');
    await signInInApp(invitee.page, researcher.email);
    await invitee.page.goto(link);
    await invitee.page.getByRole('heading', { name: 'Join a research project' }).waitFor();
    await expectAccessible(invitee.page, 'the project invitation page');
    await invitee.page.getByRole('button', { name: 'Join the project' }).click();
    await invitee.page.getByText('You joined the project as an analyst.').waitFor();
    await invitee.page.getByRole('link', { name: 'See your projects' }).click();
    await invitee.page.getByRole('link', { name: `Parasite resistance in ${word}s` }).click();
    await invitee.page.getByRole('cell', { name: 'Every Sheep', exact: true }).waitFor();
    // An analyst records findings but does not manage members.
    await invitee.page.getByRole('button', { name: 'Record finding' }).waitFor();
    expect(await invitee.page.getByRole('button', { name: 'Invite', exact: true }).count()).toBe(0);
    expect(await invitee.page.getByRole('button', { name: 'Edit project' }).count()).toBe(0);
    // An analyst exports the project's shared data for BLUPF90 and R from its page: every sheep is shared, none weighed yet.
    const exchange = invitee.page.getByRole('region', { name: 'Exchange with BLUPF90 and R' });
    await choose(invitee.page, 'Species of the files', 'Sheep');
    await choose(invitee.page, 'Trait of the files', 'Body weight');
    await exchange.getByRole('button', { name: 'Prepare the export' }).click();
    await exchange.getByText('0 animals, 0 records:').waitFor();
    await exchange.getByRole('button', { name: 'Download key.csv' }).waitFor();

    await page.reload();
    await members.getByRole('cell', { name: researcher.email, exact: true }).waitFor();
    await shared.getByRole('button', { name: 'Revoke every sheep' }).click();
    await shared.getByText('No organisation shares animals with this project yet.').waitFor();
    // The organisation's own record of what it shared keeps the revoked grant, with the reads through it.
    await page.getByRole('link', { name: 'Projects' }).click();
    const given = page.getByRole('region', { name: 'Animals your organisation shares' });
    const grantRow = given.getByRole('row').filter({ hasText: `Parasite resistance in ${word}s` });
    await grantRow.getByText(/revoked/).waitFor();
    await grantRow.getByRole('button', { name: 'Show reads' }).click();
    await given.getByRole('heading', { name: 'Reads through this grant, newest first' }).waitFor();
    await expectAccessible(page, 'the projects page with the grants given');

    // A farm's animals, as they come and go: the grant names the farm and how many animals it covers now.
    await grantRow.getByRole('link', { name: `Parasite resistance in ${word}s` }).click();
    await shared.getByText('A farm or group’s animals').click();
    await choose(page, 'Farm to share', 'Home paddocks');
    await choose(page, 'Of species', 'Sheep');
    await shared.getByRole('button', { name: 'Share with the project' }).click();
    await shared.getByRole('cell', { name: 'Every Sheep on Home paddocks (1 animal now)', exact: true }).waitFor();
    await expectAccessible(page, 'a project page with a farm grant');
    expect(app.pageErrors).toEqual([]);
    expect(invitee.pageErrors).toEqual([]);
  });

  it('lets its lead edit the project: a blank title refused at its field, then the new title, summary and status shown', async () => {
    const lead = await newOrganization('Editing lead');
    const { createResearchProject: project } = await gqlData(CREATE_PROJECT, { input: { title: 'Wool yield pilot', summary: 'One flock.' } }, lead.token);
    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, lead.email);
    const { page } = app;
    await page.goto(`${appOrigin()}/projects/${project.id}`);
    await page.getByRole('heading', { name: 'Wool yield pilot', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit project' }).click();
    const form = page.getByRole('region', { name: 'Edit the project' });
    expect(await form.getByLabel('Title').inputValue()).toBe('Wool yield pilot');
    await form.getByLabel('Title').fill('   ');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => form.getByRole('textbox', { name: 'Title' }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'a project being edited, its title refused');

    await form.getByLabel('Title').fill('Wool yield of three flocks');
    await form.getByLabel('Summary').fill('Three flocks, two shearings.');
    await choose(page, 'Status', 'Active');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Wool yield of three flocks', level: 1 }).waitFor();
    await page.getByText('Three flocks, two shearings.').waitFor();
    await page.getByText(/^Active · you are Lead/).waitFor();
    expect(await page.getByRole('region', { name: 'Edit the project' }).count()).toBe(0);
    // What was saved is what the API reads back after a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Wool yield of three flocks', level: 1 }).waitFor();
    expect(app.pageErrors.filter((e) => !/400|Bad Request/i.test(e))).toEqual([]);
  });
});
