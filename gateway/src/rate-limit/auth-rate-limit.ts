import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../auth/caller.js';
import { countAuthFields } from './auth-fields.js';
import type { RateLimits } from './rate-limits.js';
import { tooManyRequests } from './too-many-requests.js';

/**
 * The sign-in budget on HTTP, once the document is parsed (persisted and GET queries included)
 * and before anything runs: each signUp, signIn and acceptInvitation field costs one point.
 * Operations run for WebSocket clients carry no `client` and were counted in onSubscribe.
 */
export function authRateLimit(limits: RateLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!contextValue.client) return;
          const authFields = countAuthFields(document);
          if (authFields === 0) return;
          const throttled = await limits.consume({ address: contextValue.client.ip, sessionHash: contextValue.sessionHash }, { authFields });
          if (!throttled) return;
          const error = tooManyRequests(throttled.retryAfterSeconds);
          error.extensions.http = { status: 429, headers: new HeaderMap([['retry-after', String(throttled.retryAfterSeconds)]]) };
          throw error;
        },
      };
    },
  };
}
