import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { sessionToken, setSessionToken } from '../auth/token-store';
import { codedErrors } from './errors';
import { connectionStatus, setConnectionStatus } from './connection-status';

const GRAPHQL_PATH = '/graphql';

/**
 * The document's trusted-document hash, written by codegen's client preset into the document and
 * into persisted-documents.json ("sha256:<hex>"); Apollo's persisted-query extension carries the hex.
 */
function documentHash(document: unknown): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('an operation without a persisted hash: run npm run codegen');
  return hash.replace(/^sha256:/, '');
}

function webSocketUrl(): string {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * One client for the app: queries and mutations over HTTP by trusted-document hash (the gateway
 * holds the documents), subscriptions over graphql-ws with the token in connection_init. The
 * WebSocket retries for ever and reports its state for the reconnecting indicator.
 */
export function createApolloClient(): ApolloClient {
  const auth = new ApolloLink((operation, forward) => {
    const token = sessionToken();
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
    }));
    return forward(operation);
  });
  // A session revoked or expired elsewhere: forget the token, and the app shows the sign-in page.
  const signedOut = new ErrorLink(({ error }) => {
    if (codedErrors(error).some((e) => e.code === 'UNAUTHENTICATED')) setSessionToken(null);
  });
  const persisted = new PersistedQueryLink({ generateHash: documentHash, useGETForHashedQueries: false });
  const http = ApolloLink.from([signedOut, auth, persisted, new HttpLink({ uri: GRAPHQL_PATH })]);
  const ws = new GraphQLWsLink(
    createClient({
      url: webSocketUrl,
      lazy: true,
      connectionParams: () => {
        const token = sessionToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      // Exponential backoff with jitter, capped at 10 s so a long outage is noticed soon after it ends.
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * 2 ** retries, 10_000) + Math.random() * 1_000)),
      on: {
        connecting: () => setConnectionStatus(connectionStatus() === 'idle' ? 'connecting' : 'reconnecting'),
        connected: () => setConnectionStatus('connected'),
        // 1000: closed on purpose (no subscription left); anything else is a lost connection it retries.
        closed: (event) => setConnectionStatus((event as CloseEvent | undefined)?.code === 1000 ? 'idle' : 'reconnecting'),
      },
    }),
  );
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    ws,
    http,
  );
  return new ApolloClient({ link, cache: new InMemoryCache() });
}
