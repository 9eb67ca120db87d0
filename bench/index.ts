// `npm run bench [-- suite ...]`: starts the platform (configured stores, else embedded ones) and writes docs/benchmarks.md.
import path from 'node:path';
import pg from 'pg';
import { createLogger, generateIdentityKeyPair } from '@studbook/platform';
import { SERVICE_DATABASES } from '@studbook/drizzle/migrate';
import { gatewayPolicyFrom } from '../gateway/src/policy.js';
import { startPlatform } from '../embedded/src/platform.js';
import { startStores } from '../embedded/src/stores.js';
import { describeMachine } from './machine.js';
import { writeSection } from './report.js';
import { SUITES } from './suites.js';

// Distinct prefixes let two bench runs share one PostgreSQL server.
const PREFIX = process.env.STUDBOOK_BENCH_DB_PREFIX ?? 'studbook_bench';
const logger = createLogger('bench', { silent: true });
const only = process.argv.slice(2);
const unknown = only.filter((id) => !SUITES.some((suite) => suite.id === id));
if (unknown.length) throw new Error(`Unknown bench suite(s): ${unknown.join(', ')}; known: ${SUITES.map((s) => s.id).join(', ')}`);
const selected = SUITES.filter((s) => only.length === 0 || only.includes(s.id));

/** The stores and the platform, for the suites that measure through them. */
async function startEverything() {
  const stores = await startStores({
    postgresUrl: process.env.POSTGRES_URL,
    postgresDataDir: path.resolve(import.meta.dirname, '..', '.data', 'bench-postgres'),
    postgresPort: 54331,
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    s3Directory: path.resolve(import.meta.dirname, '..', '.data', 'bench-s3', PREFIX),
    logger,
  });
  const objectStore = { endpoint: stores.s3Endpoint, region: 'local', bucket: `${PREFIX}-media`.replace(/_/g, '-') };
  const admin = new pg.Client({ connectionString: stores.postgresAdminUrl });
  await admin.connect();
  for (const service of SERVICE_DATABASES) await admin.query(`drop database if exists ${PREFIX}_${service} with (force)`);
  await admin.end();

  const platform = await startPlatform({
    postgresAdminUrl: stores.postgresAdminUrl,
    databasePrefix: PREFIX,
    appRole: 'studbook_app',
    appPassword: 'studbook_app',
    redisUrl: process.env.REDIS_URL,
    dynamo: { endpoint: stores.dynamoEndpoint, region: 'local', tableName: `bench-${Date.now()}` },
    objectStore,
    identityKeys: generateIdentityKeyPair(),
    gateway: { port: 0 },
    // Suites measure throughput from one address: rate limits off, every other limit as shipped.
    gatewayPolicy: gatewayPolicyFrom({ RATE_LIMIT_PER_ADDRESS: 0, RATE_LIMIT_PER_SESSION: 0, AUTH_RATE_LIMIT_PER_ADDRESS: 0, AUTH_RATE_LIMIT_PER_SESSION: 0 }),
    logger,
  });
  const storeNote = `PostgreSQL ${process.env.POSTGRES_URL ? 'at POSTGRES_URL' : 'embedded'}, ${process.env.REDIS_URL ? 'Redis at REDIS_URL' : 'in-process cache'}, dynalite`;
  const stop = async () => {
    await platform.stop();
    await stores.stop();
  };
  return { context: { platform, stores, storeNote }, stop };
}

const started = selected.some((suite) => !suite.standalone) ? await startEverything() : undefined;

try {
  for (const suite of selected) {
    console.log(`bench: ${suite.id}`);
    // A standalone suite never needs the platform; `started` is there for every other one.
    const body = suite.standalone ? await suite.run() : await suite.run(started!.context);
    const command = `npm run bench -- ${suite.id}`;
    const storeNote = suite.standalone ? 'no platform (a pure engine)' : started!.context.storeNote;
    writeSection(
      suite.id,
      [`## ${suite.title}`, '', `Command: \`${command}\` · ${new Date().toISOString().slice(0, 10)} · ${describeMachine()} · ${storeNote}`, '', body].join('\n'),
    );
    console.log(body);
  }
} finally {
  await started?.stop();
}
