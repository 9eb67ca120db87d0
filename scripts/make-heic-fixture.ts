// Makes tests/fixtures/photo-with-gps.heic, the HEIC photo the media tests upload: 640×480, its left
// half red and its right half blue, carrying what a phone writes (GPS position, camera make, model
// and serial numbers) in its EXIF. No HEVC encoder ships on npm, so this runs Debian's heif-enc
// (libheif-examples, with x265) and the file is committed; run again only to change it:
//   apt-get install -y libheif-examples && npx tsx scripts/make-heic-fixture.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

const WIDTH = 640;
const HEIGHT = 480;
const OUTPUT = new URL('../tests/fixtures/photo-with-gps.heic', import.meta.url);

const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
for (let y = 0; y < HEIGHT; y++) {
  for (let x = 0; x < WIDTH; x++) pixels.set(x < WIDTH / 2 ? [220, 30, 30] : [30, 30, 220], (y * WIDTH + x) * 3);
}
const jpeg = await sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
  .jpeg({ quality: 95 })
  .withExif({
    IFD0: { Make: 'Phonecam', Model: 'PC-12', Orientation: '1' },
    IFD2: { BodySerialNumber: 'SERIAL-4242', LensSerialNumber: 'LENS-777' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
  })
  .toBuffer();

const folder = mkdtempSync(join(tmpdir(), 'heic-fixture-'));
try {
  writeFileSync(join(folder, 'photo.jpg'), jpeg);
  // heif-enc copies the JPEG's EXIF into the HEIF container: the metadata the upload must drop.
  execFileSync('heif-enc', ['--quality', '70', '--output', OUTPUT.pathname, join(folder, 'photo.jpg')], { stdio: 'inherit' });
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(`wrote ${OUTPUT.pathname}`);
