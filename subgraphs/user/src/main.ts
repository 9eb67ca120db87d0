import { createCache, measureCache, createDynamoClient, createIdentityVerifier, createLogger, Metrics, stopOnSignals } from '@studbook/platform';
import { ensureUserTable } from './dynamo/user-table.js';
import { userEnv } from './env.js';
import { createFieldCipher } from './modules/profile/field-cipher.js';
import { developmentCipher, speciesCatalogFor, startUserSubgraph } from './server.js';

const env = userEnv();
const logger = createLogger('user', { level: env.LOG_LEVEL, silent: env.LOG_SILENT });

const dynamo = createDynamoClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.DYNAMODB_REGION });
logger.info('dynamodb client created', { endpoint: env.DYNAMODB_ENDPOINT ?? 'aws', region: env.DYNAMODB_REGION, table: env.DYNAMODB_TABLE });
const cache = createCache(env.REDIS_URL, 'user', logger.child('cache'));
const metrics = new Metrics();
measureCache(cache, metrics, 'user');

await ensureUserTable(dynamo, env.DYNAMODB_TABLE);
const profileKeys = createFieldCipher(env.PROFILE_ENCRYPTION_KEYS, env.PROFILE_ENCRYPTION_ACTIVE_KEY);
if (!profileKeys.development) logger.info('profile encryption key ring loaded', { activeKeyId: profileKeys.cipher.activeKeyId });
const server = await startUserSubgraph(
  {
    dynamo,
    tableName: env.DYNAMODB_TABLE,
    cache,
    identityVerifier: createIdentityVerifier(env.IDENTITY_PUBLIC_KEY),
    logger,
    metrics,
    sessionTtlSeconds: Math.round(env.SESSION_TTL_DAYS * 24 * 60 * 60),
    cipher: profileKeys.development ? developmentCipher(logger) : profileKeys.cipher,
    signInThrottle: { maxFailures: env.SIGN_IN_MAX_FAILURES, windowSeconds: Math.round(env.SIGN_IN_WINDOW_MINUTES * 60) },
    speciesCatalog: speciesCatalogFor(env.ANIMAL_SUBGRAPH_URL, logger),
  },
  { port: env.PORT, host: env.HOST },
);

stopOnSignals(logger, async () => {
  await server.stop();
  await cache.close();
  dynamo.destroy();
});
