// `npm run build:web`: builds the web app into web/dist unless that build is already current (the
// same check and stamp as `npm start` and the test setup), so a build stage, a test and a start
// never rebuild it under each other.
import { ensureWebBuild } from '../gateway/src/web/web-build.js';
import { WEB_DIR } from '../gateway/src/web/web-paths.js';

const built = ensureWebBuild(WEB_DIR, (message) => process.stdout.write(`${message}\n`));
if (!built) process.stdout.write('web/dist is current: nothing to build\n');
