// Writes the user subgraph's list of the 10,000 most common passwords (NIST SP 800-63B's blocklist)
// from the dev package @zxcvbn-ts/language-common; a test checks the committed file is fresh.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMMON_PASSWORDS_PATH, commonPasswordsFile } from './common-passwords.js';

writeFileSync(COMMON_PASSWORDS_PATH, commonPasswordsFile());
console.log(`wrote ${fileURLToPath(COMMON_PASSWORDS_PATH)}`);
