import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateAll } from './codegen-run.js';

describe("generated resolver types, test operations and the web app's operations", () => {
  it('are committed as freshly generated (run `npm run codegen` after changing an SDL or a test operation)', async () => {
    const outputs = await generateAll();
    expect(outputs.size).toBe(15);
    for (const [filename, content] of outputs) {
      expect(readFileSync(filename, 'utf8'), filename).toBe(content);
    }
    // Four subgraphs and two operation sets (tests/ and the web app) take seconds on a busy machine.
  }, 30_000);
});
