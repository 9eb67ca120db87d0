import { inject } from 'vitest';
import { startGateway } from '@studbook/gateway/src/server.js';
import { loadSupergraph } from '@studbook/gateway/src/supergraph.js';
import { gatewayPolicyFrom, type GatewayPolicyEnv } from '@studbook/gateway/src/policy.js';
import { createCache, createIdentitySigner, createLogger, Metrics, type RunningServer } from '@studbook/platform';

/**
 * A gateway of its own in front of the test platform's subgraphs, configured as a deployment
 * would be (its env variables), for tests of settings the shared gateway runs without.
 */
export async function startPolicyGateway(env: Partial<Record<keyof GatewayPolicyEnv, string | number>>): Promise<RunningServer & { metrics: Metrics }> {
  const logger = createLogger('policy-gateway', { silent: true });
  const cache = createCache(undefined, 'policy-gateway', logger);
  const metrics = new Metrics();
  const gateway = await startGateway(
    {
      supergraphSdl: loadSupergraph(),
      subgraphUrls: inject('subgraphUrls'),
      identitySigner: createIdentitySigner(inject('identityPrivateKey')),
      cache,
      logger,
      metrics,
      policy: gatewayPolicyFrom(env as Partial<GatewayPolicyEnv>),
    },
    { port: 0, host: '127.0.0.1' },
  );
  return {
    ...gateway,
    metrics,
    async stop() {
      await gateway.stop();
      await cache.close();
    },
  };
}
