import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium } from '../support/chromium.js';
import { newOrganization } from '../support/gateway-client.js';
import { choose, expectAccessible, openApp, screenshot, signInInApp } from './web-app.js';

async function openAccount(page: Page) {
  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
}

describeInChromium('the web app: profile, preferences and invitations', (browser) => {
  it('edits the profile, with a refused phone number shown at its field, and keeps it across a reload', async () => {
    const keeper = await newOrganization('Profile');
    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, keeper.email);
    await openAccount(app.page);
    const profile = app.page.getByRole('region', { name: 'Profile' });
    await profile.getByText(`Signed in as ${keeper.email}`).waitFor();

    await profile.getByLabel('Phone').fill('call me maybe');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    const phone = profile.getByRole('textbox', { name: 'Phone' });
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    // The sentence is the field's own description for screen readers, not a banner elsewhere.
    const describedBy = (await phone.getAttribute('aria-describedby')) ?? '';
    await expect
      .poll(() =>
        app.page
          .locator(
            describedBy
              .split(' ')
              .map((id) => `#${id}`)
              .join(','),
          )
          .allInnerTexts(),
      )
      .toContainEqual(expect.stringMatching(/phone number/));

    await phone.fill('+44 20 7946 0958');
    await profile.getByLabel('Name', { exact: true }).fill('Ada Keeper');
    await profile.getByLabel('Time zone').fill('Europe/London');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Profile saved.').waitFor();
    await expect.poll(() => phone.getAttribute('aria-invalid')).not.toBe('true');
    // The top bar shows the new name from the normalised cache.
    await app.page.getByRole('banner').getByText('Ada Keeper').waitFor();

    await app.page.reload();
    await expect.poll(() => profile.getByRole('textbox', { name: 'Phone' }).inputValue()).toBe('+44 20 7946 0958');
    expect(await profile.getByLabel('Time zone').inputValue()).toBe('Europe/London');
    expect(app.pageErrors).toEqual([]);
  });

  it('saves preferences, refuses an out-of-range depth at its field, and says when another browser saved first', async () => {
    const keeper = await newOrganization('Preferences');
    const laptop = await openApp(browser(), '/sign-in');
    await signInInApp(laptop.page, keeper.email);
    await openAccount(laptop.page);
    const preferences = laptop.page.getByRole('region', { name: 'Preferences' });
    const depth = preferences.getByRole('spinbutton', { name: 'Pedigree generations shown' }).or(preferences.getByLabel('Pedigree generations shown'));

    await depth.fill('40');
    await preferences.getByRole('button', { name: 'Save preferences' }).click();
    await preferences.getByText(/pedigreeDepth must be 1 to 10/i).waitFor();
    expect(await depth.getAttribute('aria-invalid')).toBe('true');

    await depth.fill('6');
    await choose(laptop.page, 'Units', 'Imperial (oz, in)');
    await preferences.getByText('A weekly digest').click();
    await preferences.getByRole('button', { name: 'Save preferences' }).click();
    await preferences.getByText('Preferences saved.').waitFor();
    await expectAccessible(laptop.page, 'the account page with profile, preferences and invitations');
    await screenshot(laptop.page, 'account');

    // A second browser saves on top; the laptop's next save is refused and shows the newer values.
    const phone = await openApp(browser(), '/sign-in', { width: 375, height: 800 });
    await signInInApp(phone.page, keeper.email);
    await phone.page.goto(new URL('/account', phone.page.url()).toString());
    const phonePreferences = phone.page.getByRole('region', { name: 'Preferences' });
    await phonePreferences.getByLabel('Pedigree generations shown').fill('3');
    await phonePreferences.getByRole('button', { name: 'Save preferences' }).click();
    await phonePreferences.getByText('Preferences saved.').waitFor();

    await depth.fill('8');
    await preferences.getByRole('button', { name: 'Save preferences' }).click();
    await preferences.getByRole('alert').waitFor();
    await expect.poll(() => depth.inputValue()).toBe('3');
    await preferences.getByRole('button', { name: 'Save preferences' }).click();
    await preferences.getByText('Preferences saved.').waitFor();
    expect(laptop.pageErrors).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });

  it('invites by email; the invitee opens the link signed out, signs in, comes back, accepts and switches', async () => {
    const owner = await newOrganization('Inviter');
    const invitee = await newOrganization('Invitee');
    const manager = await openApp(browser(), '/sign-in');
    await signInInApp(manager.page, owner.email);
    await openAccount(manager.page);
    const invitations = manager.page.getByRole('region', { name: /^Invite to Inviter Org/ });

    await invitations.getByLabel('Their email').fill('not an email');
    await invitations.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => invitations.getByRole('textbox', { name: 'Their email' }).getAttribute('aria-invalid')).toBe('true');

    await invitations.getByLabel('Their email').fill(invitee.email);
    await choose(manager.page, 'Role', 'Viewer');
    await invitations.getByRole('button', { name: 'Invite' }).click();
    const link = await invitations.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    expect(new URL(link).pathname).toBe('/invitation');
    await invitations.getByRole('row', { name: new RegExp(invitee.email) }).waitFor();

    const guest = await openApp(browser(), new URL(link).pathname + new URL(link).hash, { width: 375, height: 800 });
    await guest.page.getByRole('heading', { name: 'Sign in to Studbook' }).waitFor();
    await guest.page.getByLabel('Email').fill(invitee.email);
    await guest.page.getByLabel('Password').fill('correct horse battery');
    await guest.page.getByRole('button', { name: 'Sign in' }).click();
    await guest.page.getByRole('heading', { name: 'Join an organisation' }).waitFor();
    await expectAccessible(guest.page, 'the invitation page');
    await guest.page.getByRole('button', { name: 'Accept the invitation' }).click();
    await guest.page.getByText(/You are now a viewer of/).waitFor();
    await guest.page.getByRole('button', { name: 'Switch to Inviter Org' }).click();
    await guest.page.getByRole('heading', { name: 'Collection' }).waitFor();
    await guest.page.getByRole('button', { name: /Inviter Org \(viewer\)/ }).waitFor();

    // Spent: the same link now says so, at no field, and joins nothing.
    await guest.page.goto(link);
    await guest.page.getByRole('button', { name: 'Accept the invitation' }).click();
    await guest.page
      .getByRole('alert')
      .getByText(/does not exist|used already|already a member/i)
      .waitFor();

    // The manager sees the invitation gone from the pending list and the invitee among the members.
    await manager.page.reload();
    await manager.page
      .getByRole('region', { name: /Members of Inviter Org/ })
      .getByText(invitee.email)
      .waitFor();
    await manager.page
      .getByRole('region', { name: /^Invite to Inviter Org/ })
      .getByText('No pending invitations.')
      .waitFor();
    expect(manager.pageErrors).toEqual([]);
    expect(guest.pageErrors).toEqual([]);
  });
});
