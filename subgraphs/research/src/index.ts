import { migrateServiceDatabase } from '@studbook/drizzle/migrate';
import { createCache, createIdentityTokens, createLogger, createPgPool, Metrics } from '@studbook/platform';
import { researchEnv } from './env.js';
import { startResearchSubgraph } from './server.js';

async function main(): Promise<void> {
  const env = researchEnv();
  const logger = createLogger('research', { silent: env.LOG_SILENT });
  const metrics = new Metrics();

  if (env.MIGRATE_DATABASE_URL) {
    const app = new URL(env.DATABASE_URL);
    await migrateServiceDatabase('research', {
      adminUrl: env.MIGRATE_DATABASE_URL,
      databaseName: decodeURIComponent(app.pathname.slice(1)),
      appRole: decodeURIComponent(app.username),
      appPassword: decodeURIComponent(app.password),
    });
    logger.info('database migrated');
  }

  const pool = createPgPool({ url: env.DATABASE_URL, label: 'research', logger, metrics });
  const cache = createCache(env.REDIS_URL, 'research', logger);
  const identityTokens = createIdentityTokens(env.IDENTITY_SECRET);
  const server = await startResearchSubgraph(
    { pool, cache, identityTokens, logger, metrics, animalSubgraphUrl: env.ANIMAL_SUBGRAPH_URL },
    { port: env.PORT, host: env.HOST },
  );

  const shutdown = async (signal: string) => {
    logger.info('shutting down', { signal });
    await server.stop();
    await pool.end();
    await cache.close();
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  process.stderr.write(`research failed to start: ${error.message}\n`);
  process.exit(1);
});
