import { createCache, measureCache, createEventBus, createIdentitySigner, createLogger, Metrics, stopOnSignals } from '@studbook/platform';
import { gatewayEnv } from './env.js';
import { gatewayPolicyFrom } from './policy.js';
import { startGateway } from './server.js';
import { loadSupergraph } from './supergraph.js';

const env = gatewayEnv();
const logger = createLogger('gateway', { level: env.LOG_LEVEL, silent: env.LOG_SILENT });
const cache = createCache(env.REDIS_URL, 'gateway', logger);
const metrics = new Metrics();
measureCache(cache, metrics, 'gateway');
if (!env.REDIS_URL) logger.warn('REDIS_URL not set: subscriptions hear only events relayed in this process');
const events = createEventBus(env.REDIS_URL, env.EVENTS_NAMESPACE, 'gateway', logger);
const server = await startGateway(
  {
    supergraphSdl: loadSupergraph(env.SUPERGRAPH_PATH),
    subgraphUrls: { animal: env.ANIMAL_URL, commerce: env.COMMERCE_URL, research: env.RESEARCH_URL, user: env.USER_URL },
    identitySigner: createIdentitySigner(env.IDENTITY_PRIVATE_KEY),
    cache,
    policy: gatewayPolicyFrom(env),
    events,
    sessionCheckIntervalMs: env.REALTIME_SESSION_CHECK_MS,
    logger,
    metrics,
  },
  { port: env.PORT, host: env.HOST },
);

stopOnSignals(logger, async () => {
  await server.stop();
  await Promise.all([cache.close(), events.close()]);
});
