import { expect, it } from 'vitest';
import { describeInChromium } from '../support/chromium.js';
import { newOrganization } from '../support/gateway-client.js';
import { expectAccessible, openApp, signInInApp } from './web-app.js';

describeInChromium('the web app: account', (browser) => {
  it('lists where the user is signed in and signs another browser out, which then asks to sign in again', async () => {
    const keeper = await newOrganization('Account');
    const laptop = await openApp(browser(), '/sign-in');
    await signInInApp(laptop.page, keeper.email);
    const phone = await openApp(browser(), '/sign-in');
    await signInInApp(phone.page, keeper.email);

    await laptop.page.getByRole('link', { name: 'Account' }).click();
    const sessions = laptop.page.getByRole('region', { name: 'Where you are signed in' });
    // newOrganization's own sign-up session, the laptop's and the phone's.
    await expect.poll(() => sessions.getByRole('row').count()).toBe(4);
    await sessions.getByText('This browser').waitFor();
    await laptop.page
      .getByRole('region', { name: /Members of Account Org/ })
      .getByText('Account Keeper')
      .waitFor();
    await expectAccessible(laptop.page, 'the account page');

    // Sign out every other session; the phone is sent to the sign-in page at its next request.
    while ((await sessions.getByRole('button', { name: /^Sign out/ }).count()) > 0) {
      const before = await sessions.getByRole('row').count();
      await sessions
        .getByRole('button', { name: /^Sign out/ })
        .first()
        .click();
      await expect.poll(() => sessions.getByRole('row').count()).toBe(before - 1);
    }
    await phone.page.getByRole('link', { name: 'Pairing planner' }).click();
    // Typing makes the phone's next request; the planner's own first request may already have sent it to sign-in.
    await phone.page
      .getByRole('combobox', { name: 'Sire', exact: true })
      .fill('a', { timeout: 5_000 })
      .catch(() => undefined);
    await phone.page.getByRole('heading', { name: 'Sign in to Studbook' }).waitFor();
    expect(laptop.pageErrors).toEqual([]);
  });
});
