import type { IdentityKeyPair } from '@studbook/platform';
import { graphqlData } from '../../embedded/src/graphql-client.js';
import { seedFlock } from '../../tests/support/seed-flock.js';
import { startService, startStudbookGateway, startSubgraphs, stopService, targetsOf, type Service } from './standalone-services.js';
import type { SubgraphTargets } from './supergraph-routing.js';

/**
 * The four standalone subgraphs on fresh databases with one organisation's flock of 20 (seeded through a
 * Studbook gateway, then stopped), and a replay server in front of them that records their answers: what
 * the gateways bench and the gateway profile both measure against.
 */
export async function startSeededFederation(options: {
  stores: { postgresAdminUrl: string; dynamoEndpoint: string; s3Endpoint?: string };
  prefix: string;
  keys: IdentityKeyPair;
  who: string;
}) {
  const { stores, prefix, keys } = options;
  const subgraphs = await startSubgraphs({
    postgresAdminUrl: stores.postgresAdminUrl,
    prefix,
    dynamoEndpoint: stores.dynamoEndpoint,
    s3Endpoint: stores.s3Endpoint,
    keys,
  });
  const real = targetsOf(subgraphs);
  const seeding = await startStudbookGateway(real, keys);
  const { signUp } = await graphqlData(seeding.url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token user { id organization { id } } } }', {
    input: { email: `${options.who}-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Bench', organizationName: 'Bench Farm' },
  });
  const { offspring } = await seedFlock(seeding.url, signUp.token, 20);
  await stopService(seeding);
  const replay: Service = await startService('replay', 'bench/gateways/replay-server-entry.ts', { SUBGRAPH_TARGETS: JSON.stringify(real) }, '/misses');
  const replayed = Object.fromEntries(Object.keys(real).map((name) => [name, `${replay.url.replace(/\/graphql$/, '')}/${name}/graphql`])) as SubgraphTargets;
  return {
    subgraphs,
    real,
    replay,
    replayed,
    offspring: offspring as string[],
    user: { token: signUp.token as string, id: signUp.user.id as string, organizationId: signUp.user.organization.id as string },
  };
}
