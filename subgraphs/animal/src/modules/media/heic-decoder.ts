import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Decoded pixels: 8-bit RGBA, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Buffer;
}

/**
 * Beyond this a HEIC is refused before its pixels are allocated (4 bytes each, in the decoder's
 * WebAssembly heap): 64 MP covers a 48-MP phone photo and bounds one decode at 256 MB.
 */
export const MAX_HEIC_PIXELS = 64_000_000;

/** At most this many decodes at once: each takes a core for seconds and its own heap. */
const CONCURRENT_DECODES = 2;

// libheif compiled to WebAssembly (libheif-js through heic-decode), because sharp's prebuilt libvips
// reads no HEVC. Its decode is synchronous and takes seconds for a 12-MP photo, so it runs in a
// worker thread, never on the event loop that serves requests; one worker per photo, so the heap it
// grew is given back when it ends. Plain JavaScript evaluated in the worker: no loader is needed
// for it whether this service runs from TypeScript sources or compiled.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const decode = require(workerData.decoderPath);
(async () => {
  const images = await decode.all({ buffer: workerData.bytes });
  try {
    const primary = images[0];
    if (primary.width * primary.height > workerData.maxPixels) {
      parentPort.postMessage({ tooLarge: { width: primary.width, height: primary.height } });
      return;
    }
    const { width, height, data } = await primary.decode();
    parentPort.postMessage({ width, height, data }, [data.buffer]);
  } finally {
    images.dispose();
  }
})().catch((error) => parentPort.postMessage({ error: String(error && error.message || error) }));
`;

const decoderPath = createRequire(import.meta.url).resolve('heic-decode');

let running = 0;
const waiting: (() => void)[] = [];

/** The HEIC (HEVC-coded HEIF) image's primary picture as RGBA pixels, its transformations (rotation, mirroring) applied. */
export async function decodeHeic(bytes: Buffer): Promise<RgbaImage> {
  if (running >= CONCURRENT_DECODES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await decodeInWorker(bytes);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

type WorkerAnswer = { width: number; height: number; data: Uint8ClampedArray } | { tooLarge: { width: number; height: number } } | { error: string };

function decodeInWorker(bytes: Buffer): Promise<RgbaImage> {
  return new Promise((resolve, reject) => {
    // stdout/stderr kept from the service's logs: libheif prints its parse errors there, and the
    // answer carries them anyway.
    const worker = new Worker(WORKER_SOURCE, { eval: true, stdout: true, stderr: true, workerData: { decoderPath, bytes, maxPixels: MAX_HEIC_PIXELS } });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.once('message', (answer: WorkerAnswer) =>
      settle(() => {
        if ('error' in answer) reject(new Error(answer.error));
        else if ('tooLarge' in answer)
          reject(new Error(`the photo is ${answer.tooLarge.width}×${answer.tooLarge.height} pixels, more than ${MAX_HEIC_PIXELS / 1_000_000} megapixels`));
        else resolve({ width: answer.width, height: answer.height, data: Buffer.from(answer.data.buffer, answer.data.byteOffset, answer.data.byteLength) });
      }),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the HEIC decoder stopped (exit code ${code})`))));
  });
}
