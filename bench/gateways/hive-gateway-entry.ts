// Hive Gateway JS for `npm run bench -- gateways`, with its default settings on the same supergraph; HIVE_DEDUPE=off turns
// off its in-flight deduplication of subgraph requests. The client's x-studbook-identity header is passed on (the bench signs it).
import http from 'node:http';
import { IDENTITY_HEADER } from '@studbook/platform';
import { routedSupergraph, targetsFromEnv } from './supergraph-routing.js';

// Imported by a name TypeScript does not follow: graphql-yoga's types widen GraphQLError's `extensions.http` for the whole
// program, which would change how the gateway's own code type-checks for the sake of a benchmark dependency.
const HIVE = '@graphql-hive/gateway';
const { createGatewayRuntime } = (await import(HIVE)) as { createGatewayRuntime(config: Record<string, unknown>): http.RequestListener };

const { port, targets } = targetsFromEnv();
const gateway = createGatewayRuntime({
  supergraph: routedSupergraph(targets),
  logging: false,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }: { request: Request }) => ({ [IDENTITY_HEADER]: request.headers.get(IDENTITY_HEADER) ?? '' }),
  },
  ...(process.env.HIVE_DEDUPE === 'off' && { transportEntries: { '*': { options: { deduplicateInflightRequests: false } } } }),
});
http.createServer(gateway).listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
