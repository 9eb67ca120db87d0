import sharp from 'sharp';
import type { RunningPlatform } from '../embedded/src/platform.js';
import { graphqlData } from '../embedded/src/graphql-client.js';
import { seedClosedHerd } from '../tests/pedigree/seed-pedigree.js';
import { ms, percentile, timed } from './stats.js';

const REQUEST = `mutation($input: RequestMediaUploadInput!) { requestMediaUpload(input: $input) { url media { id } } }`;
const COMPLETE = `mutation($id: ID!) { completeMediaUpload(id: $id) { id } }`;
const STATUS = `query($id: ID!) { animal(id: $id) { media { id status } } }`;
const CERTIFICATE = `query($id: ID!, $generations: Int) { pedigreeCertificate(animalId: $id, generations: $generations) { id } }`;

const SEQUENTIAL = 10;
const CONCURRENT = 8;
const CERTIFICATES = 10;

/**
 * Photos as a phone sends them (4000 × 3000, 12 MP, JPEG of a noisy scene so it does not compress
 * to nothing): upload to READY one at a time (request, PUT, complete, then polling every 25 ms
 * until both WebP renditions exist), then eight at once for renditions per second; then
 * certificates of 4 and 10 generations over a closed herd (complete pedigrees).
 */
export async function benchMedia(platform: RunningPlatform): Promise<string> {
  const url = platform.gatewayUrl;
  const signUp = await graphqlData(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
    input: { email: `media-bench-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Bench', organizationName: 'Media Bench Farm' },
  });
  const token = signUp.signUp.token as string;
  const created = await graphqlData(
    url,
    'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }',
    {
      input: { name: 'Photo model', species: 'Ball python', sex: 'FEMALE' },
    },
    token,
  );
  const animalId = created.createAnimal.id as string;
  const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .toBuffer();

  const upload = async () => {
    const asked = await graphqlData(
      url,
      REQUEST,
      { input: { animalId, kind: 'PHOTO', contentType: 'image/jpeg', byteSize: photo.length, fileName: 'bench.jpg' } },
      token,
    );
    const put = await fetch(asked.requestMediaUpload.url, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(photo) });
    if (put.status !== 200) throw new Error(`PUT answered ${put.status}`);
    const id = asked.requestMediaUpload.media.id as string;
    await graphqlData(url, COMPLETE, { id }, token);
    return id;
  };
  const ready = async (ids: string[]) => {
    for (;;) {
      const data = await graphqlData(url, STATUS, { id: animalId }, token);
      const statuses = new Map<string, string>(data.animal.media.map((m: { id: string; status: string }) => [m.id, m.status]));
      if (ids.some((id) => statuses.get(id) === 'FAILED')) throw new Error('a rendition failed');
      if (ids.every((id) => statuses.get(id) === 'READY')) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) latencies.push(await timed(async () => ready([await upload()])));
  const ids = await Promise.all(Array.from({ length: CONCURRENT }, upload));
  const burst = await timed(() => ready(ids));

  const herd = await seedClosedHerd(url, token, 14, 40, 'Certified');
  const roots = herd.at(-1)!;
  const certificate = async (generations: number) => {
    const samples: number[] = [];
    for (let i = 0; i < CERTIFICATES; i++) samples.push(await timed(() => graphqlData(url, CERTIFICATE, { id: roots[i % roots.length], generations }, token)));
    return samples;
  };
  const four = await certificate(4);
  const ten = await certificate(10);

  return [
    `Photo: 4000 × 3000 JPEG, ${(photo.length / 1e6).toFixed(1)} MB. Each is checked, re-encoded without metadata and rendered to 320 and 1280 px WebP.`,
    '',
    '| measure | samples | p50 | p99 |',
    '| --- | --- | --- | --- |',
    `| upload to READY, one at a time (request + PUT + complete + renditions) | ${SEQUENTIAL} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} |`,
    `| pedigree certificate PDF, 4 generations (facts, PDF, QR, S3 put, signed URL) | ${CERTIFICATES} | ${ms(percentile(four, 50))} | ${ms(percentile(four, 99))} |`,
    `| pedigree certificate PDF, 10 generations (2,046 positions) | ${CERTIFICATES} | ${ms(percentile(ten, 50))} | ${ms(percentile(ten, 99))} |`,
    '',
    `- ${CONCURRENT} photos completed at once were READY ${ms(burst)} after their completions returned: ${((CONCURRENT * 2) / (burst / 1000)).toFixed(1)} renditions/s (${(CONCURRENT / (burst / 1000)).toFixed(2)} photos/s), the renderer running two jobs at a time.`,
    "- Most of a photo's time is sharp decoding 12 MP twice (metadata strip in completeMediaUpload, renditions in the background), not S3 or PostgreSQL.",
  ].join('\n');
}
