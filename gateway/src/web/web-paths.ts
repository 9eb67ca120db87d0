import { fileURLToPath } from 'node:url';

/** Where the web workspace lives beside the gateway in this repository (and in the Docker image, which copies it all). */
export const WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
/** Written by `npm run codegen` from the app's operations: hash -> document. */
export const WEB_PERSISTED_DOCUMENTS = fileURLToPath(new URL('../../../web/src/__generated__/persisted-documents.json', import.meta.url));
