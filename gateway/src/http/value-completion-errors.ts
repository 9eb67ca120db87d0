import type { ApolloServerPlugin } from '@apollo/server';
import { maskError, type Logger } from '@studbook/platform';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';

/**
 * gateway-js reports a null in a non-null position (which nulls the parent) under a top-level
 * `extensions.valueCompletion`, beside the data rather than in `errors`, and only when nothing
 * else failed. The spec makes it a field error: it moves into `errors`, masked like any other
 * uncoded error, so a client learns why the parent is null and nothing internal sits outside `errors`.
 */
export function valueCompletionErrors(logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.extensions || !('valueCompletion' in result.extensions)) return;
          const completion = result.extensions.valueCompletion as (GraphQLError | GraphQLFormattedError)[] | undefined;
          delete result.extensions.valueCompletion;
          if (Object.keys(result.extensions).length === 0) delete result.extensions;
          if (!completion?.length) return;
          const formatted = completion.map((error) => ('toJSON' in error ? error.toJSON() : error));
          for (const error of formatted) logger.error('value completion failed', { error: error.message, path: error.path?.join('.') });
          result.errors = [...(result.errors ?? []), ...formatted.map(maskError)];
        },
      };
    },
  };
}
