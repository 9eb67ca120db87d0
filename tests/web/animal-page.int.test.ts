import sharp from 'sharp';
import { expect, it } from 'vitest';
import { describeInChromium } from '../support/chromium.js';
import { createAnimal, newOrganization } from '../support/gateway-client.js';
import { appOrigin, expectAccessible, openApp, screenshot, signInInApp } from './web-app.js';

/** A small real PNG, as a phone would upload. */
function photo(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 110, b: 80 } } })
    .png()
    .toBuffer();
}

describeInChromium('the web app: the animal page', (browser) => {
  it('shows status, life stage, notes, descendants by generation and owners, and uploads a photo that becomes the cover', async () => {
    const keeper = await newOrganization('Gallery');
    const sire = await createAnimal(keeper, { name: 'Atlas', sex: 'MALE', hatchDate: '2019-05-01' });
    const dam = await createAnimal(keeper, {
      name: 'Bramble',
      hatchDate: '2019-06-01',
      status: 'HOLDBACK',
      description: 'Calm feeder.\nProven breeder, two clutches.',
    });
    const son = await createAnimal(keeper, { name: 'Cinder', sex: 'MALE', hatchDate: '2021-04-01', sireId: sire.id, damId: dam.id });
    const mate = await createAnimal(keeper, { name: 'Dusk', hatchDate: '2021-03-01' });
    await createAnimal(keeper, { name: 'Ember', hatchDate: '2024-04-01', sireId: son.id, damId: mate.id });

    const app = await openApp(browser(), '/sign-in');
    await signInInApp(app.page, keeper.email);
    await app.page.goto(`${appOrigin()}/animals/${dam.id}`);
    const { page } = app;
    await page.getByRole('heading', { name: 'Bramble', level: 1 }).waitFor();
    await page.getByText('Holdback (kept back from sale)').waitFor();
    await page.getByText('Adult', { exact: true }).waitFor();
    await page
      .getByRole('region', { name: 'Notes' })
      .getByText(/Proven breeder, two clutches/)
      .waitFor();

    const descendants = page.getByRole('region', { name: 'Descendants' });
    await descendants.getByRole('region', { name: 'Offspring: 1' }).getByRole('link', { name: 'Cinder' }).waitFor();
    await descendants.getByRole('region', { name: 'Grand-offspring: 1' }).getByRole('link', { name: 'Ember' }).waitFor();
    await page.getByRole('region', { name: 'Ownership history' }).getByText('Gallery Org').waitFor();
    await page
      .getByRole('region', { name: 'Ownership history' })
      .getByText(/current owner/)
      .waitFor();

    // A file of a type the API refuses is named in a sentence, and nothing is added.
    const photos = page.getByRole('region', { name: 'Photos' });
    await photos.getByText('No photos yet.').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
    await photos.getByRole('alert').waitFor();
    expect(await photos.getByRole('alert').textContent()).toMatch(/contentType|JPEG|type/i);
    await photos.getByText('No photos yet.').waitFor();

    // A real photo: presigned PUT straight to S3 (the CSP and bucket CORS allow it), then renditions.
    await page.locator('input[type=file]').setInputFiles({ name: 'bramble.png', mimeType: 'image/png', buffer: await photo() });
    const image = photos.getByRole('img', { name: 'Bramble: bramble.png' });
    await image.waitFor({ timeout: 30_000 });
    // Loaded, not just present: the signed GET URL passed the CSP.
    await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);

    await page.locator('input[type=file]').setInputFiles({ name: 'second.png', mimeType: 'image/png', buffer: await photo() });
    await photos.getByRole('img', { name: 'Bramble: second.png' }).waitFor({ timeout: 30_000 });
    // Neither is the cover until the keeper picks one; the pick comes first and loses its button.
    await photos.getByRole('button', { name: 'Make cover: second.png' }).click();
    await expect.poll(() => photos.getByRole('img').first().getAttribute('alt')).toBe('Bramble: second.png');
    await photos.getByText('Cover photo').waitFor();
    await expect.poll(() => photos.getByRole('button', { name: /^Make cover/ }).allInnerTexts()).toHaveLength(1);

    await expectAccessible(page, 'the animal page with photos, descendants and owners');
    await screenshot(page, 'animal-page');
    expect(app.pageErrors).toEqual([]);
  });

  it('shows another breeder a public animal without the upload or the cover buttons', async () => {
    const keeper = await newOrganization('Public');
    const animal = await createAnimal(keeper, { name: 'Fable', hatchDate: '2022-01-01', visibility: 'PUBLIC' });
    const visitor = await newOrganization('Visitor');
    const app = await openApp(browser(), '/sign-in', { width: 375, height: 800 });
    await signInInApp(app.page, visitor.email);
    await app.page.goto(`${appOrigin()}/animals/${animal.id}`);
    await app.page.getByRole('heading', { name: 'Fable', level: 1 }).waitFor();
    await app.page.getByRole('region', { name: 'Photos' }).getByText('No photos yet.').waitFor();
    expect(await app.page.getByRole('button', { name: 'Add a photo' }).count()).toBe(0);
    await app.page.getByRole('region', { name: 'Ownership history' }).getByText('Public Org').waitFor();
    await expectAccessible(app.page, 'a public animal of another breeder, phone-sized');
    expect(app.pageErrors).toEqual([]);
  });
});
