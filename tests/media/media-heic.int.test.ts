import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { inject, describe, expect, it, afterAll } from 'vitest';
import { graphql } from '../__generated__/index.js';
import { createAnimal, gql, gqlData, newOrganization } from '../support/gateway-client.js';
import { testObjectStore } from '../support/object-store.js';
import { asAdmin } from '../support/postgres.js';
import { COMPLETE_UPLOAD, putUpload, uploadPhoto } from './media-client.js';

const HEIC_MEDIA = graphql(`
  query MediaHeicOfAnimal($id: ID!) { animal(id: $id) { id media { id status contentType fileName byteSize width height url } } }
`);

// An HEVC-coded HEIC with GPS and camera serials in its EXIF, made by scripts/make-heic-fixture.ts
// with libheif's own encoder: 640×480, left half red, right half blue.
const heic = readFileSync(new URL('../fixtures/photo-with-gps.heic', import.meta.url));
const gatewayUrl = () => inject('gatewayUrl');
const objects = testObjectStore();
afterAll(() => objects.close());

/** The pixel at (x, y) of an image, as [r, g, b]. */
async function pixelAt(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at], data[at + 1], data[at + 2]];
}

const near = (actual: number[], expected: number[]) => actual.every((value, i) => Math.abs(value - expected[i]) <= 24);

describe('HEIC photos', () => {
  it('is what the fixture says: HEVC-coded, with the EXIF a phone writes, which sharp alone cannot decode', async () => {
    expect(heic.subarray(4, 12).toString('latin1')).toBe('ftypheic');
    for (const text of ['SERIAL-4242', 'Phonecam']) expect(heic.includes(text), text).toBe(true);
    await expect(sharp(heic).raw().toBuffer()).rejects.toThrow();
  });

  it('decodes an iPhone-style HEIC, stores it as a JPEG with no metadata and renders its thumbnails', async () => {
    const breeder = await newOrganization('Media Heic');
    const animal = await createAnimal(breeder, { name: 'Shot On Phone' });
    const item = await uploadPhoto(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: heic, contentType: 'image/heic', fileName: 'IMG_0042.HEIC' });
    expect(item).toMatchObject({ status: 'READY', width: 640, height: 480, failureReason: null });

    const { animal: seen } = await gqlData(HEIC_MEDIA, { id: animal.id }, breeder.token);
    const stored = seen!.media[0];
    expect(stored).toMatchObject({ contentType: 'image/jpeg', fileName: 'IMG_0042.jpg' });
    const original = Buffer.from(await (await fetch(stored.url!)).arrayBuffer());
    expect(original.length).toBe(stored.byteSize);
    const meta = await sharp(original).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    for (const text of ['SERIAL-4242', 'LENS-777', 'Phonecam', 'GPS']) expect(original.includes(text), text).toBe(false);
    // The pixels are the photo's, not a blank: red on the left, blue on the right.
    expect(near(await pixelAt(original, 80, 240), [220, 30, 30])).toBe(true);
    expect(near(await pixelAt(original, 560, 240), [30, 30, 220])).toBe(true);

    const thumbnail = Buffer.from(await (await fetch(item.thumbnailUrl!)).arrayBuffer());
    expect(await sharp(thumbnail).metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
    expect(near(await pixelAt(thumbnail, 40, 120), [220, 30, 30])).toBe(true);
    expect(near(await pixelAt(thumbnail, 280, 120), [30, 30, 220])).toBe(true);
    for (const text of ['SERIAL-4242', 'GPS']) expect(thumbnail.includes(text), text).toBe(false);
  });

  it('refuses a file that announces HEIC but holds no decodable picture, deleting it and recording nothing', async () => {
    const breeder = await newOrganization('Media Heic Broken');
    const animal = await createAnimal(breeder, { name: 'Truncated' });
    const broken = Buffer.concat([heic.subarray(0, 40), Buffer.alloc(400, 7)]);
    const id = await putUpload(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: broken, contentType: 'image/heic' });
    const answer = await gql(COMPLETE_UPLOAD, { id }, breeder.token);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(answer.errors?.[0].message).toMatch(/could not be read/);
    expect(await objects.head(`media/${breeder.organizationId}/${animal.id}/${id}/original`)).toBeNull();
    expect(await asAdmin('animal', "select event_type from outbox where aggregate_id = $1 and event_type = 'media.uploaded'", [id])).toEqual([]);
    expect((await gqlData(HEIC_MEDIA, { id: animal.id }, breeder.token)).animal?.media).toEqual([]);
  });
});
