// Writes the typed resolver files listed in codegen.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateAll } from './codegen-run.js';

for (const [filename, content] of await generateAll()) {
  mkdirSync(path.dirname(filename), { recursive: true });
  writeFileSync(filename, content);
  console.log(`wrote ${filename}`);
}
