import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQL_STATEMENTS_METRIC } from '@studbook/platform';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { dataAt } from '../support/operations.js';
import { graphql } from '../__generated__/index.js';

// A platform of its own, so its statement counter sees only this file's requests and its outbox
// relay's background polls (a few statements a second, which only ever add to a count).
let platform: RunningPlatform;

async function newToken(label: string): Promise<string> {
  const signUp = await dataAt(platform.gatewayUrl, graphql(`mutation ImportStatementsSignUp($input: SignUpInput!) { signUp(input: $input) { token } }`), {
    input: { email: `${label}-${Date.now()}-${Math.random()}@example.test`, password: 'correct horse battery', name: label, organizationName: `${label} Farm` },
  });
  return signUp.signUp.token;
}

async function animalStatements(work: () => Promise<unknown>): Promise<number> {
  const before = platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' });
  await work();
  return platform.metrics.get(SQL_STATEMENTS_METRIC, { pool: 'animal' }) - before;
}

/** The fewest statements over three runs: a relay poll landing in one run cannot inflate it. */
async function fewestStatements(work: () => Promise<unknown>): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) counts.push(await animalStatements(work));
  return Math.min(...counts);
}

/** A chain of `rows` generations, offspring first, so every row but the last has a parent in the file. */
function chain(rows: number): string {
  const lines = Array.from({ length: rows }, (_, i) => `C${i},${i + 1 < rows ? `C${i + 1}` : ''},,M`);
  return ['id,sire,dam,sex', ...lines].join('\n');
}

const IMPORT = graphql(`mutation ImportStatementsImport($input: ImportPedigreeInput!) { importPedigree(input: $input) { imported errors { line message } } }`);

beforeAll(async () => {
  platform = await startCountingPlatform('import-statements');
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

describe('bulk statements', () => {
  it('imports 2,000 animals with no more SQL statements than 10', async () => {
    const importChain = (rows: number) => async () => {
      const token = await newToken(`Chain${rows}`);
      const count = await animalStatements(async () => {
        const result = await dataAt(platform.gatewayUrl, IMPORT, { input: { species: 'Goat', csv: chain(rows) } }, token);
        expect(result.importPedigree).toEqual({ imported: rows, errors: [] });
      });
      return count;
    };
    await importChain(3)(); // warm up connections
    const ten = Math.min(await importChain(10)(), await importChain(10)(), await importChain(10)());
    const twoThousand = Math.min(await importChain(2000)(), await importChain(2000)(), await importChain(2000)());
    // A row at a time would cost thousands more; the margin is for relay polls during the longer import.
    expect(twoThousand).toBeLessThanOrEqual(ten + 12);
    expect(ten).toBeLessThanOrEqual(10);
  });

  it('looks up 500 external ids with one query, like one', async () => {
    const token = await newToken('Lookup');
    await dataAt(platform.gatewayUrl, IMPORT, { input: { species: 'Goat', csv: chain(500) } }, token);
    const query = graphql(`query ImportStatementsByExternalId($ids: [String!]!) { animalsByExternalId(externalIds: $ids) { externalId } }`);
    const ids = Array.from({ length: 500 }, (_, i) => `C${499 - i}`);

    const one = await fewestStatements(() => dataAt(platform.gatewayUrl, query, { ids: ['C0'] }, token));
    let found: ({ externalId: string | null } | null)[] = [];
    const many = await fewestStatements(async () => {
      found = (await dataAt(platform.gatewayUrl, query, { ids }, token)).animalsByExternalId;
    });
    expect(found.map((animal) => animal!.externalId)).toEqual(ids);
    expect(many).toBe(one);
    // one round trip: the query, with the tenant set ahead of it
    expect(many).toBe(1);
  });
});
