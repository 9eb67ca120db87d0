// Stock @apollo/gateway for `npm run bench -- gateways`: ApolloServer + ApolloGateway on the same supergraph, as its docs
// show, plus the one thing our subgraphs demand: the client's x-studbook-identity header is passed on (the bench signs it).
import http from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { IDENTITY_HEADER } from '@studbook/platform';
import { routedSupergraph, targetsFromEnv } from './supergraph-routing.js';

interface Context {
  identityToken?: string;
}

const { port, targets } = targetsFromEnv();
const gateway = new ApolloGateway({
  supergraphSdl: routedSupergraph(targets),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource<Context>({
      url,
      willSendRequest({ request, context }) {
        if (context.identityToken) request.http?.headers.set(IDENTITY_HEADER, context.identityToken);
      },
    }),
});
const apollo = new ApolloServer<Context>({ gateway });
await apollo.start();
const app = express();
app.use('/graphql', express.json(), expressMiddleware(apollo, { context: async ({ req }) => ({ identityToken: req.header(IDENTITY_HEADER) }) }));
http.createServer(app).listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
