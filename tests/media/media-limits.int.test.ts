import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MEDIA_SETTINGS } from '@studbook/animal/src/modules/media/media-config.js';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { dataAt, requestAt } from '../support/operations.js';
import { graphql } from '../__generated__/index.js';
import { photoWithGps, REQUEST_UPLOAD, uploadPhoto } from './media-client.js';

const SIGN_UP = graphql(`mutation MediaLimitsSignUp($input: SignUpInput!) { signUp(input: $input) { token } }`);
const CREATE = graphql(`mutation MediaLimitsCreateAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`);

// A platform of its own with tight limits: two items per organisation, URLs valid for one second.
let platform: RunningPlatform;
beforeAll(async () => {
  platform = await startCountingPlatform('media-limits', { mediaSettings: { ...DEFAULT_MEDIA_SETTINGS, quotaCount: 2, quotaBytes: 50_000, downloadUrlSeconds: 1 } });
});
afterAll(() => platform?.stop());

async function breederWithAnimal(label: string) {
  const email = `${label}-${crypto.randomUUID()}@example.test`;
  const { signUp } = await dataAt(platform.gatewayUrl, SIGN_UP, {
    input: { email, password: 'correct horse battery', name: label, organizationName: `${label} Org` },
  });
  const { createAnimal } = await dataAt(platform.gatewayUrl, CREATE, { input: { name: 'Quota', species: 'Ball python', sex: 'FEMALE' } }, signUp.token);
  return { token: signUp.token, animalId: createAnimal.id };
}

describe('media limits', () => {
  it('refuses an upload past the organisation’s item quota with QUOTA_EXCEEDED, and past its byte quota', async () => {
    const { token, animalId } = await breederWithAnimal('quota-count');
    const photo = await photoWithGps(32, 32);
    await uploadPhoto(platform.gatewayUrl, token, { animalId, bytes: photo, contentType: 'image/jpeg' });
    await uploadPhoto(platform.gatewayUrl, token, { animalId, bytes: photo, contentType: 'image/jpeg' });
    const third = await requestAt(
      platform.gatewayUrl,
      REQUEST_UPLOAD,
      { input: { animalId, kind: 'PHOTO', contentType: 'image/jpeg', byteSize: photo.length, fileName: 'c.jpg' } },
      token,
    );
    expect(third.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 2 });

    const other = await breederWithAnimal('quota-bytes');
    const big = await requestAt(
      platform.gatewayUrl,
      REQUEST_UPLOAD,
      { input: { animalId: other.animalId, kind: 'PHOTO', contentType: 'image/jpeg', byteSize: 50_001, fileName: 'big.jpg' } },
      other.token,
    );
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 50_000 });
  });

  it('signs download URLs that stop working when they expire', async () => {
    const { token, animalId } = await breederWithAnimal('expiry');
    const item = await uploadPhoto(platform.gatewayUrl, token, { animalId, bytes: await photoWithGps(32, 32), contentType: 'image/jpeg' });
    expect((await fetch(item.thumbnailUrl!)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await fetch(item.thumbnailUrl!)).status).toBe(403);
  });
});
