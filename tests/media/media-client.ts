import sharp from 'sharp';
import { expect } from 'vitest';
import { graphql } from '../__generated__/index.js';
import type { MediaKind } from '../__generated__/graphql.js';
import { dataAt, requestAt } from '../support/operations.js';

export const REQUEST_UPLOAD = graphql(`
  mutation MediaRequestUpload($input: RequestMediaUploadInput!) {
    requestMediaUpload(input: $input) { url expiresAt headers { name value } media { id status byteSize contentType } }
  }
`);

export const COMPLETE_UPLOAD = graphql(`
  mutation MediaCompleteUpload($id: ID!) { completeMediaUpload(id: $id) { id status byteSize width height url } }
`);

export const ANIMAL_MEDIA = graphql(`
  query MediaOfAnimal($id: ID!) {
    animal(id: $id) { id media { id kind status failureReason isCover position caption byteSize width height url thumbnailUrl webUrl } }
  }
`);

export interface Upload {
  animalId: string;
  bytes: Buffer;
  contentType: string;
  kind?: MediaKind;
  fileName?: string;
}

/** Asks for an upload and PUTs the bytes to its presigned URL, as a browser or app does; answers the media id. */
export async function putUpload(gatewayUrl: string, token: string, upload: Upload): Promise<string> {
  const { requestMediaUpload } = await dataAt(
    gatewayUrl,
    REQUEST_UPLOAD,
    {
      input: {
        animalId: upload.animalId,
        kind: upload.kind ?? 'PHOTO',
        contentType: upload.contentType,
        byteSize: upload.bytes.length,
        fileName: upload.fileName ?? 'photo.jpg',
      },
    },
    token,
  );
  const headers = Object.fromEntries(requestMediaUpload.headers.map((h) => [h.name, h.value]));
  const put = await fetch(requestMediaUpload.url, { method: 'PUT', headers: { 'content-type': headers['Content-Type'] }, body: new Uint8Array(upload.bytes) });
  expect(put.status).toBe(200);
  return requestMediaUpload.media.id;
}

/** Upload, complete, then wait until the background renderer has made its renditions. */
export async function uploadPhoto(gatewayUrl: string, token: string, upload: Upload) {
  const id = await putUpload(gatewayUrl, token, upload);
  await dataAt(gatewayUrl, COMPLETE_UPLOAD, { id }, token);
  return waitForRendering(gatewayUrl, token, upload.animalId, id);
}

export async function waitForRendering(gatewayUrl: string, token: string, animalId: string, mediaId: string) {
  for (let attempt = 0; attempt < 300; attempt++) {
    const { animal } = await dataAt(gatewayUrl, ANIMAL_MEDIA, { id: animalId }, token);
    const item = animal?.media.find((m) => m.id === mediaId);
    if (item && item.status !== 'PENDING') return item;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`media ${mediaId} was still PENDING after 30 s`);
}

/** A JPEG photo carrying what phones write: GPS position, camera make, model and body serial number. */
export function photoWithGps(width = 1600, height = 1200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Phonecam', Model: 'PC-12', Orientation: '1' },
      IFD2: { BodySerialNumber: 'SERIAL-4242', LensSerialNumber: 'LENS-777' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
    })
    .toBuffer();
}

export { requestAt };
