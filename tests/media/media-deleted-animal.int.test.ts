import pg from 'pg';
import { inject, describe, expect, it, afterAll } from 'vitest';
import * as animalSchema from '@studbook/drizzle/animal';
import { createLogger, TenantDb } from '@studbook/platform';
import { DeletedAnimalMediaCleanup } from '@studbook/animal/src/modules/media/media-cleanup.js';
import { graphql } from '../__generated__/index.js';
import { createAnimal, gqlData, newOrganization } from '../support/gateway-client.js';
import { testObjectStore } from '../support/object-store.js';
import { asAdmin } from '../support/postgres.js';
import { photoWithGps, uploadPhoto } from './media-client.js';

const DELETE_ANIMAL = graphql(`mutation MediaDeleteAnimal($id: ID!) { deleteAnimal(id: $id) }`);
const ISSUE = graphql(`query MediaDeletedAnimalCertificate($animalId: ID!) { pedigreeCertificate(animalId: $animalId) { id } }`);

const gatewayUrl = () => inject('gatewayUrl');
const objects = testObjectStore();
afterAll(() => objects.close());

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within 10 s`);
}

describe('a deleted animal’s media', () => {
  it('leave the bucket after the animal is deleted: originals, renditions and certificate PDFs', async () => {
    const breeder = await newOrganization('Media Deleted Animal');
    const animal = await createAnimal(breeder, { name: 'Gone Soon' });
    const kept = await createAnimal(breeder, { name: 'Stays' });
    const photo = await photoWithGps(400, 300);
    const items = [
      await uploadPhoto(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' }),
      await uploadPhoto(gatewayUrl(), breeder.token, { animalId: animal.id, bytes: photo, contentType: 'image/jpeg' }),
    ];
    const keptItem = await uploadPhoto(gatewayUrl(), breeder.token, { animalId: kept.id, bytes: photo, contentType: 'image/jpeg' });
    const certificate = (await gqlData(ISSUE, { animalId: animal.id }, breeder.token)).pedigreeCertificate;
    const prefix = `media/${breeder.organizationId}/${animal.id}`;
    const keys = [
      ...items.flatMap((item) => [`${prefix}/${item.id}/original`, `${prefix}/${item.id}/w320.webp`, `${prefix}/${item.id}/w1280.webp`]),
      `certificates/${breeder.organizationId}/${certificate.id}.pdf`,
    ];
    for (const key of keys) expect(await objects.head(key), key).not.toBeNull();

    await gqlData(DELETE_ANIMAL, { id: animal.id }, breeder.token);
    expect(await asAdmin('animal', 'select id from animal_media where animal_id = $1', [animal.id])).toEqual([]);
    await eventually(async () => (await Promise.all(keys.map((key) => objects.head(key)))).every((head) => head === null), 'removing the objects');
    await eventually(
      async () => (await asAdmin('animal', 'select id from media_object_deletions where animal_id = $1', [animal.id])).length === 0,
      'forgetting the keys',
    );

    // The other animal's photo is untouched, and can still be fetched.
    const keptPrefix = `media/${breeder.organizationId}/${kept.id}/${keptItem.id}`;
    for (const name of ['original', 'w320.webp', 'w1280.webp']) expect(await objects.head(`${keptPrefix}/${name}`), name).not.toBeNull();
    expect((await fetch(keptItem.thumbnailUrl!)).status).toBe(200);
  });

  it('are removed by the sweep where no event arrived, and a repeated pass changes nothing', async () => {
    const breeder = await newOrganization('Media Deleted Sweep');
    const animal = await createAnimal(breeder, { name: 'Missed Event' });
    // The keys a deletion wrote, of objects still stored: as left by an instance that stopped before its event came.
    const key = `media/${breeder.organizationId}/${animal.id}/left-over/original`;
    await objects.put(key, Buffer.from('bytes'), 'image/jpeg');
    await asAdmin('animal', 'insert into media_object_deletions (tenant_id, animal_id, object_key) values ($1, $2, $3)', [breeder.organizationId, animal.id, key]);

    const pool = new pg.Pool({ connectionString: inject('serviceDatabaseUrls').animal, max: 2 });
    try {
      const cleanup = new DeletedAnimalMediaCleanup({ pool, db: new TenantDb(pool, animalSchema), objects, logger: createLogger('cleanup', { silent: true }) });
      expect(await cleanup.sweep()).toBeGreaterThanOrEqual(1);
      expect(await objects.head(key)).toBeNull();
      expect(await asAdmin('animal', 'select id from media_object_deletions where animal_id = $1', [animal.id])).toEqual([]);
      expect(await cleanup.cleanAnimal(breeder.organizationId, animal.id)).toBe(0);
      // Another organisation's scope sees none of these keys.
      const stranger = await newOrganization('Media Deleted Stranger');
      await asAdmin('animal', 'insert into media_object_deletions (tenant_id, animal_id, object_key) values ($1, $2, $3)', [breeder.organizationId, animal.id, key]);
      expect(await cleanup.cleanAnimal(stranger.organizationId, animal.id)).toBe(0);
      expect(await cleanup.cleanAnimal(breeder.organizationId, animal.id)).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
