// `npm start`: the whole platform in one process, on embedded stores unless configured otherwise.
import exitHook from 'async-exit-hook';
import path from 'node:path';
import { flushTracing } from '@studbook/platform/tracing';
import { createLogger, generateIdentityKeyPair, identityPublicKeyOf } from '@studbook/platform';
import { DEMO_PASSWORD, DEMO_USERS, loadDemoData } from './demo-data.js';
import { embeddedEnv } from './env.js';
import { gatewayPolicyFrom } from '@studbook/gateway/src/policy.js';
import { mediaSettingsFrom } from '@studbook/animal/src/modules/media/media-config.js';
import { ensureWebBuild } from '@studbook/gateway/src/web/web-build.js';
import { WEB_DIR } from '@studbook/gateway/src/web/web-paths.js';
import { startPlatform } from './platform.js';
import { startStores } from './stores.js';
import { ensurePortFree, explainStartupProblems } from './startup-problem.js';
import { ensureWritableFolder } from './data-folder.js';

const env = embeddedEnv();
const logger = createLogger('studbook', { level: env.LOG_LEVEL, silent: env.LOG_SILENT });

const startedOrExplained = explainStartupProblems();
// The gateway serves the app at /: build it first when its sources changed since the last build.
ensureWebBuild(WEB_DIR, (message) => logger.info(message));

await ensurePortFree(env.PORT, env.HOST, 'PORT');
if (!env.POSTGRES_URL || !env.DYNAMODB_ENDPOINT) await ensureWritableFolder(env.DATA_DIR);
const stores = await startStores({
  postgresUrl: env.POSTGRES_URL,
  postgresDataDir: path.join(env.DATA_DIR, 'postgres'),
  postgresPort: env.EMBEDDED_POSTGRES_PORT,
  dynamoEndpoint: env.DYNAMODB_ENDPOINT,
  dynamoPath: path.join(env.DATA_DIR, 'dynamo'),
  s3Endpoint: env.S3_ENDPOINT,
  s3Directory: env.S3_USE_AWS ? undefined : path.join(env.DATA_DIR, 's3'),
  logger,
});

const platform = await startPlatform({
  postgresAdminUrl: stores.postgresAdminUrl,
  databasePrefix: env.DATABASE_PREFIX,
  appRole: env.DATABASE_APP_ROLE,
  appPassword: env.DATABASE_APP_PASSWORD,
  redisUrl: env.REDIS_URL,
  dynamo: { endpoint: stores.dynamoEndpoint, region: env.DYNAMODB_REGION, tableName: env.DYNAMODB_TABLE },
  objectStore: { endpoint: stores.s3Endpoint, region: env.S3_REGION, bucket: env.S3_BUCKET },
  mediaSettings: mediaSettingsFrom(env),
  identityKeys: env.IDENTITY_PRIVATE_KEY ? { privateKey: env.IDENTITY_PRIVATE_KEY, publicKey: identityPublicKeyOf(env.IDENTITY_PRIVATE_KEY) } : generateIdentityKeyPair(),
  gateway: { port: env.PORT, host: env.HOST },
  gatewayPolicy: gatewayPolicyFrom(env),
  saleReservationHours: env.SALE_RESERVATION_HOURS,
  logger,
});

if (env.DEMO_DATA) {
  const outcome = await loadDemoData(platform.gatewayUrl);
  logger.info(outcome === 'loaded' ? 'demo data loaded' : 'demo data already present');
}

startedOrExplained();
const origin = `http://localhost:${new URL(platform.gatewayUrl).port}`;
const url = `${origin}/graphql`;
process.stdout.write(
  [
    '',
    `  Studbook is running at ${url}`,
    `  Open the app at ${origin}/ (GraphiQL stays at ${url})`,
    `  Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.reptiles.email} (ball pythons), ${DEMO_USERS.sheep.email} (sheep flock)`,
    `  Sign in with: mutation { signIn(email: "${DEMO_USERS.reptiles.email}", password: "${DEMO_PASSWORD}") { token } }`,
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n') + '\n',
);

// async-exit-hook waits for the platform and the embedded stores to stop before the process exits
// (with the conventional 130 after SIGINT).
exitHook((done) => {
  logger.info('stopping');
  (async () => {
    for (const stop of [platform.stop, stores.stop, flushTracing]) await stop().catch((error) => logger.error('stop failed', { error: String(error) }));
  })().finally(done);
});
