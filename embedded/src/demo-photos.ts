import sharp from 'sharp';
import { graphqlData } from './graphql-client.js';
import { random } from './demo-random.js';

const PHOTOS = 12;
const REQUEST = `mutation($input: RequestMediaUploadInput!) { requestMediaUpload(input: $input) { url media { id } } }`;
const COMPLETE = `mutation($id: ID!) { completeMediaUpload(id: $id) { id } }`;
const COVER = `mutation($id: ID!) { setCoverPhoto(id: $id) { id } }`;

/**
 * A generated photo for each listed animal of the organisation (so every demo listing shows its
 * thumbnail), then for more of its public animals up to PHOTOS, uploaded as a client does:
 * presigned PUT, complete, cover. Loaded once: skipped when any public animal already has media
 * (the user's own uploads are never topped up); answers whether it loaded them.
 */
export async function loadDemoPhotos(url: string, token: string): Promise<boolean> {
  const { animals } = await graphqlData(
    url,
    '{ animals(first: 200, filter: { mine: true }) { edges { node { id name visibility listing { id } media { id } } } } }',
    {},
    token,
  );
  const publicAnimals = (animals.edges as { node: { id: string; name: string; visibility: string; listing: { id: string } | null; media: unknown[] } }[])
    .map((edge) => edge.node)
    .filter((animal) => animal.visibility === 'PUBLIC');
  const listed = publicAnimals.filter((animal) => animal.listing);
  const chosen = [...listed, ...publicAnimals.filter((animal) => !animal.listing).slice(0, Math.max(0, PHOTOS - listed.length))];
  if (chosen.length === 0 || publicAnimals.some((animal) => animal.media.length > 0)) return false;
  for (const [i, animal] of chosen.entries()) {
    const photo = await patternedPhoto(i + 1);
    const asked = await graphqlData(
      url,
      REQUEST,
      {
        input: {
          animalId: animal.id,
          kind: 'PHOTO',
          contentType: 'image/jpeg',
          byteSize: photo.length,
          fileName: `${animal.name}.jpg`,
          caption: `${animal.name}, demo photo`,
        },
      },
      token,
    );
    const put = await fetch(asked.requestMediaUpload.url, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(photo) });
    if (!put.ok) throw new Error(`demo photo upload answered ${put.status}`);
    const id = asked.requestMediaUpload.media.id as string;
    await graphqlData(url, COMPLETE, { id }, token);
    await graphqlData(url, COVER, { id }, token);
  }
  return true;
}

/** 1600 × 1200: a sand-coloured ground with dark, rounded blotches, a different pattern per seed. */
function patternedPhoto(seed: number): Promise<Buffer> {
  const next = random(seed * 7919);
  const blotches = Array.from({ length: 40 }, () => {
    const [x, y, rx, ry] = [next() * 1600, next() * 1200, 40 + next() * 90, 25 + next() * 60];
    const shade = 30 + Math.floor(next() * 50);
    return `<ellipse cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" rx="${rx.toFixed(0)}" ry="${ry.toFixed(0)}" fill="rgb(${shade + 40},${shade + 20},${shade})"/>`;
  }).join('');
  const hue = Math.floor(next() * 40);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200"><rect width="1600" height="1200" fill="hsl(${30 + hue},45%,62%)"/>${blotches}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
