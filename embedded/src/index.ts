// `npm start`: the whole platform in one process, on embedded stores unless configured otherwise.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createLogger } from '@studbook/platform';
import { DEMO_PASSWORD, DEMO_USERS, loadDemoData } from './demo-data.js';
import { startDynalite } from './embedded-dynamo.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { embeddedEnv } from './env.js';
import { startPlatform } from './platform.js';

const env = embeddedEnv();
const logger = createLogger('studbook', { silent: env.LOG_SILENT });
const stops: (() => Promise<void>)[] = [];

const postgres = env.POSTGRES_URL
  ? { adminUrl: env.POSTGRES_URL }
  : await startEmbeddedPostgres({ dataDir: path.join(env.DATA_DIR, 'postgres'), port: env.EMBEDDED_POSTGRES_PORT, logger });
if ('stop' in postgres) stops.push(postgres.stop);
logger.info(env.POSTGRES_URL ? 'using configured PostgreSQL' : 'using embedded PostgreSQL', { dataDir: env.POSTGRES_URL ? undefined : path.join(env.DATA_DIR, 'postgres') });

const dynamo = env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : await startDynalite({ path: path.join(env.DATA_DIR, 'dynamo') });
if ('stop' in dynamo) stops.push(dynamo.stop);
logger.info(env.DYNAMODB_ENDPOINT ? 'using configured DynamoDB' : 'using embedded DynamoDB (dynalite)', { endpoint: dynamo.endpoint });

const platform = await startPlatform({
  postgresAdminUrl: postgres.adminUrl,
  databasePrefix: env.DATABASE_PREFIX,
  appRole: env.DATABASE_APP_ROLE,
  appPassword: env.DATABASE_APP_PASSWORD,
  redisUrl: env.REDIS_URL,
  dynamo: { endpoint: dynamo.endpoint, region: env.DYNAMODB_REGION, tableName: env.DYNAMODB_TABLE },
  identitySecret: env.IDENTITY_SECRET ?? randomBytes(32).toString('base64url'),
  gateway: { port: env.PORT, host: env.HOST },
  logger,
});
stops.unshift(platform.stop);

if (env.DEMO_DATA) {
  const outcome = await loadDemoData(platform.gatewayUrl);
  logger.info(outcome === 'loaded' ? 'demo data loaded' : 'demo data already present');
}

const url = `http://localhost:${new URL(platform.gatewayUrl).port}/graphql`;
process.stdout.write(
  [
    '',
    `  Studbook is running at ${url}`,
    `  Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.reptiles.email} (ball pythons), ${DEMO_USERS.sheep.email} (sheep flock)`,
    `  Sign in with: mutation { signIn(email: "${DEMO_USERS.reptiles.email}", password: "${DEMO_PASSWORD}") { token } }`,
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n') + '\n',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping');
    for (const stop of stops) await stop().catch((error) => logger.error('stop failed', { error: String(error) }));
    process.exit(0);
  });
}
