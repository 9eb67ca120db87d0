import sharp from 'sharp';
import pg from 'pg';
import { inject, describe, expect, it, afterAll } from 'vitest';
import * as animalSchema from '@studbook/drizzle/animal';
import { createLogger, TenantDb } from '@studbook/platform';
import { AbandonedUploadSweep } from '@studbook/animal/src/modules/media/media-sweep.js';
import { graphql } from '../__generated__/index.js';
import { createAnimal, gql, gqlData, newOrganization } from '../support/gateway-client.js';
import { testObjectStore } from '../support/object-store.js';
import { asAdmin } from '../support/postgres.js';
import { ANIMAL_MEDIA, COMPLETE_UPLOAD, photoWithGps, putUpload, REQUEST_UPLOAD, uploadPhoto } from './media-client.js';

const MAKE_VISIBILITY = graphql(`mutation MediaAnimalVisibility($id: ID!, $input: UpdateAnimalInput!) { updateAnimal(id: $id, input: $input) { id visibility } }`);
const SET_COVER = graphql(`mutation MediaSetCover($id: ID!) { setCoverPhoto(id: $id) { id isCover } }`);
const UPDATE_MEDIA = graphql(`mutation MediaUpdate($id: ID!, $input: UpdateMediaInput!) { updateMedia(id: $id, input: $input) { id caption position } }`);
const DELETE_MEDIA = graphql(`mutation MediaDelete($id: ID!) { deleteMedia(id: $id) }`);

const gatewayUrl = () => inject('gatewayUrl');
const objects = testObjectStore();
afterAll(() => objects.close());

describe('animal photos', () => {
  it('uploads straight to storage, completes, renders 320 and 1280 px WebP and serves them by signed URL', async () => {
    const breeder = await newOrganization('Media Breeder');
    const animal = await createAnimal(breeder, { name: 'Photogenic' });
    const photo = await photoWithGps(1600, 1200);
    const item = await uploadPhoto(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' });
    expect(item).toMatchObject({ kind: 'PHOTO', status: 'READY', width: 1600, height: 1200, failureReason: null });

    const thumbnail = await fetch(item.thumbnailUrl!);
    expect(thumbnail.status).toBe(200);
    const thumbnailMeta = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect(thumbnailMeta).toMatchObject({ format: 'webp', width: 320, height: 240 });
    const web = await sharp(Buffer.from(await (await fetch(item.webUrl!)).arrayBuffer())).metadata();
    expect(web).toMatchObject({ format: 'webp', width: 1280, height: 960 });
    // Signed and short-lived (media-limits.int.test.ts waits one out).
    expect(Number(new URL(item.url!).searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
  });

  it('removes GPS position and camera serial numbers: the stored bytes carry no EXIF at all', async () => {
    const breeder = await newOrganization('Media Privacy');
    const animal = await createAnimal(breeder, { name: 'Located' });
    const photo = await photoWithGps(800, 600);
    const before = await sharp(photo).metadata();
    expect(before.exif).toBeDefined();
    expect(photo.includes('SERIAL-4242')).toBe(true);

    const item = await uploadPhoto(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' });
    const stored = Buffer.from(await (await fetch(item.url!)).arrayBuffer());
    const after = await sharp(stored).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    for (const text of ['SERIAL-4242', 'LENS-777', 'Phonecam', 'GPS']) expect(stored.includes(text), text).toBe(false);
    expect(item.byteSize).toBe(stored.length);
  });

  it("shows a PUBLIC animal's photos to another organisation and none once the owner makes it PRIVATE", async () => {
    const owner = await newOrganization('Media Owner');
    const other = await newOrganization('Media Other');
    const animal = await createAnimal(owner, { name: 'Shown Then Hidden', visibility: 'PUBLIC' });
    const item = await uploadPhoto(gatewayUrl(), owner.token, { animalId: animal.id, bytes: await photoWithGps(64, 48), contentType: 'image/jpeg' });
    const seen = await gqlData(ANIMAL_MEDIA, { id: animal.id }, other.token);
    expect(seen.animal?.media.map((m) => m.id)).toEqual([item.id]);

    await gqlData(MAKE_VISIBILITY, { id: animal.id, input: { visibility: 'PRIVATE' } }, owner.token);
    expect((await gqlData(ANIMAL_MEDIA, { id: animal.id }, other.token)).animal).toBeNull();
    // Not through another path either: another organisation cannot act on the item.
    const cover = await gql(SET_COVER, { id: item.id }, other.token);
    expect(cover.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await gqlData(ANIMAL_MEDIA, { id: animal.id }, owner.token)).animal?.media).toHaveLength(1);
  });

  it('keeps one cover photo first, then the order the owner sets, with captions', async () => {
    const breeder = await newOrganization('Media Order');
    const animal = await createAnimal(breeder, { name: 'Album' });
    const photo = await photoWithGps(64, 48);
    const first = await uploadPhoto(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' });
    const second = await uploadPhoto(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' });
    const third = await uploadPhoto(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' });
    await gqlData(SET_COVER, { id: third.id }, breeder.token);
    await gqlData(UPDATE_MEDIA, { id: first.id, input: { position: 9, caption: 'Shed day' } }, breeder.token);
    let media = (await gqlData(ANIMAL_MEDIA, { id: animal.id }, breeder.token)).animal!.media;
    expect(media.map((m) => [m.id, m.isCover])).toEqual([
      [third.id, true],
      [second.id, false],
      [first.id, false],
    ]);
    expect(media[2].caption).toBe('Shed day');

    await gqlData(SET_COVER, { id: second.id }, breeder.token);
    media = (await gqlData(ANIMAL_MEDIA, { id: animal.id }, breeder.token)).animal!.media;
    expect(media.filter((m) => m.isCover).map((m) => m.id)).toEqual([second.id]);

    await gqlData(DELETE_MEDIA, { id: second.id }, breeder.token);
    media = (await gqlData(ANIMAL_MEDIA, { id: animal.id }, breeder.token)).animal!.media;
    expect(media.map((m) => m.id)).toEqual([third.id, first.id]);
    expect((await fetch(second.url!)).status).toBe(404);
  });
});

describe('refused uploads', () => {
  it('refuses a type or size not allowed before anything is stored', async () => {
    const breeder = await newOrganization('Media Refused');
    const animal = await createAnimal(breeder, { name: 'Strict' });
    const ask = (input: { contentType: string; byteSize: number; kind?: 'PHOTO' | 'DOCUMENT' }) =>
      gql(
        REQUEST_UPLOAD,
        { input: { animalId: animal.id, kind: input.kind ?? 'PHOTO', contentType: input.contentType, byteSize: input.byteSize, fileName: 'x' } },
        breeder.token,
      );
    for (const [input, field] of [
      [{ contentType: 'image/gif', byteSize: 100 }, 'input.contentType'],
      [{ contentType: 'application/pdf', byteSize: 100 }, 'input.contentType'],
      [{ contentType: 'image/jpeg', byteSize: 20_000_001 }, 'input.byteSize'],
      [{ contentType: 'image/jpeg', byteSize: 0 }, 'input.byteSize'],
    ] as const) {
      const answer = await ask(input);
      expect(answer.errors?.[0].extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await gqlData(ANIMAL_MEDIA, { id: animal.id }, breeder.token)).animal?.media).toEqual([]);
  });

  it('refuses bytes that are not the declared image, deletes them and records nothing', async () => {
    const breeder = await newOrganization('Media Liar');
    const animal = await createAnimal(breeder, { name: 'Fooled Not' });
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const id = await putUpload(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: html, contentType: 'image/jpeg' });
    const answer = await gql(COMPLETE_UPLOAD, { id }, breeder.token);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(answer.errors?.[0].message).toMatch(/not an allowed file/);
    expect((await gqlData(ANIMAL_MEDIA, { id: animal.id }, breeder.token)).animal?.media).toEqual([]);
    expect(await objects.head(`media/${breeder.organizationId}/${animal.id}/${id}/original`)).toBeNull();
    expect(await asAdmin('animal', 'select event_type from outbox where aggregate_id = $1', [id])).toEqual([]);
  });

  it('answers a retried request with the same idempotencyKey with the first upload, storing nothing more', async () => {
    const breeder = await newOrganization('Media Retry');
    const animal = await createAnimal(breeder, { name: 'Retried' });
    const input = { animalId: animal.id, kind: 'PHOTO' as const, contentType: 'image/png', byteSize: 1234, fileName: 'a.png', idempotencyKey: 'upload-1' };
    const first = await gqlData(REQUEST_UPLOAD, { input }, breeder.token);
    const again = await gqlData(REQUEST_UPLOAD, { input }, breeder.token);
    expect(again.requestMediaUpload.media.id).toBe(first.requestMediaUpload.media.id);
    const rows = await asAdmin('animal', 'select id from animal_media where animal_id = $1', [animal.id]);
    expect(rows).toHaveLength(1);
    const other = await gql(REQUEST_UPLOAD, { input: { ...input, byteSize: 999 } }, breeder.token);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  });

  it('refuses completing twice, or completing another organisation’s upload', async () => {
    const breeder = await newOrganization('Media Twice');
    const stranger = await newOrganization('Media Stranger');
    const animal = await createAnimal(breeder, { name: 'Once', visibility: 'PUBLIC' });
    const id = await putUpload(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: await photoWithGps(32, 32), contentType: 'image/jpeg' });
    expect((await gql(COMPLETE_UPLOAD, { id }, stranger.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await gqlData(COMPLETE_UPLOAD, { id }, breeder.token);
    expect((await gql(COMPLETE_UPLOAD, { id }, breeder.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
    // One media.uploaded, whatever the retries.
    expect(await asAdmin('animal', "select event_type from outbox where aggregate_id = $1 and event_type = 'media.uploaded'", [id])).toHaveLength(1);
    expect((await gql(COMPLETE_UPLOAD, { id }, stranger.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('abandoned uploads', () => {
  it('are deleted by the sweep, row and object, while completed ones stay', async () => {
    const breeder = await newOrganization('Media Abandoned');
    const animal = await createAnimal(breeder, { name: 'Forgotten' });
    const photo = await photoWithGps(32, 32);
    const abandoned = await putUpload(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' });
    const kept = await uploadPhoto(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' });
    const key = `media/${breeder.organizationId}/${animal.id}/${abandoned}/original`;
    expect(await objects.head(key)).not.toBeNull();

    const pool = new pg.Pool({ connectionString: inject('serviceDatabaseUrls').animal, max: 2 });
    try {
      const sweep = new AbandonedUploadSweep({
        pool,
        db: new TenantDb(pool, animalSchema),
        objects,
        logger: createLogger('sweep', { silent: true }),
        abandonedAfterSeconds: 3600,
      });
      // Younger than the configured age: kept.
      await sweep.sweep();
      expect(await objects.head(key)).not.toBeNull();
      // Aged past it by moving its request back two hours, not by sweeping with a tiny age: the
      // sweep serves every organisation, and other test files' uploads are in flight on this database.
      await asAdmin('animal', `update animal_media set created_at = now() - interval '2 hours' where id = $1`, [abandoned]);
      expect(await sweep.sweep()).toBeGreaterThanOrEqual(1);
    } finally {
      await pool.end();
    }
    expect(await objects.head(key)).toBeNull();
    expect((await gql(COMPLETE_UPLOAD, { id: abandoned }, breeder.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await gqlData(ANIMAL_MEDIA, { id: animal.id }, breeder.token)).animal?.media.map((m) => m.id)).toEqual([kept.id]);
  });
});
