import { createCache, createLogger, createPgPool, Metrics } from '@studbook/platform';
import { commerceEnv } from './env.js';
import { rebuildSearchProjection } from './modules/search/search-rebuild.js';

// `npm run search:rebuild`: DATABASE_URL (the service role) and MIGRATE_DATABASE_URL (a superuser of the same server), REDIS_URL if the platform has one.
const env = commerceEnv();
if (!env.MIGRATE_DATABASE_URL) throw new Error('MIGRATE_DATABASE_URL (a superuser URL of the commerce database server) is needed to empty the projection');
const logger = createLogger('search-rebuild');
const metrics = new Metrics();
const adminUrl = new URL(env.MIGRATE_DATABASE_URL);
adminUrl.pathname = new URL(env.DATABASE_URL).pathname;
const pool = createPgPool({ url: env.DATABASE_URL, label: 'search-rebuild', logger, metrics, max: 2 });
const cache = createCache(env.REDIS_URL, 'search-rebuild', logger);
const projected = await rebuildSearchProjection({ adminUrl: adminUrl.toString(), pool, cache, logger, metrics });
logger.info('search projection rebuilt', { listings: projected });
await Promise.all([pool.end(), cache.close()]);
