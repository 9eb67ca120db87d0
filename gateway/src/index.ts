import { createCache, createIdentityTokens, createLogger, Metrics, stopOnSignals } from '@studbook/platform';
import { gatewayEnv } from './env.js';
import { startGateway } from './server.js';
import { loadSupergraph } from './supergraph.js';

const env = gatewayEnv();
const logger = createLogger('gateway', { silent: env.LOG_SILENT });
const cache = createCache(env.REDIS_URL, 'gateway', logger);
const server = await startGateway(
  {
    supergraphSdl: loadSupergraph(env.SUPERGRAPH_PATH),
    subgraphUrls: { animal: env.ANIMAL_URL, commerce: env.COMMERCE_URL, research: env.RESEARCH_URL, user: env.USER_URL },
    identityTokens: createIdentityTokens(env.IDENTITY_SECRET),
    cache,
    logger,
    metrics: new Metrics(),
  },
  { port: env.PORT, host: env.HOST },
);

stopOnSignals(logger, async () => {
  await server.stop();
  await cache.close();
});
