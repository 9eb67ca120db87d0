import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Stable error codes clients can branch on; anything else is masked as INTERNAL_SERVER_ERROR. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  /** Throttled; `extensions.retryAfterSeconds` says when to try again. */
  TooManyRequests: 'TOO_MANY_REQUESTS',
  /** An organisation's configured allowance (media count or bytes) is used up. */
  QuotaExceeded: 'QUOTA_EXCEEDED',
  /** A service behind the gateway did not answer; the fields it serves are null, `retryable: true`. */
  SubgraphUnavailable: 'SUBGRAPH_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes that are safe to show to clients as they are; INTERNAL_SERVER_ERROR is what Apollo gives anything unexpected. */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  // Trusted documents (gateway/src/web/trusted-documents.ts): the app's origin sent a document it did not ship.
  'UNTRUSTED_DOCUMENT',
  'OPERATION_RESOLUTION_FAILURE',
  // Operation budgets (gateway/src/budget/): refused before anything runs, with `cost` and `limit`.
  'OPERATION_TOO_EXPENSIVE',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'DOCUMENT_TOO_COMPLEX',
  'TOO_MANY_TOKENS',
]);

export function userError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (message: string, field?: string) => userError(ErrorCode.BadUserInput, message, field ? { field } : {});
export const notFound = (what: string) => userError(ErrorCode.NotFound, `${what} not found`);
export const conflict = (message: string) => userError(ErrorCode.Conflict, message);
export const forbidden = (message: string) => userError(ErrorCode.Forbidden, message);
export const unauthenticated = (message = 'Sign in first') => userError(ErrorCode.Unauthenticated, message);

/** Extension keys that may reach a client; stacks, service names and causes never do. */
const PUBLIC_EXTENSIONS = new Set(['code', 'field', 'retryAfterSeconds', 'retryable', 'cost', 'limit']);

/**
 * Formats an error for a client: known codes keep their message and public extensions,
 * everything else becomes a generic internal error (the caller logs the original).
 */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? ErrorCode.Internal);
  if (!PUBLIC_CODES.has(code)) {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.Internal } };
  }
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(formatted.extensions ?? {})) {
    if (PUBLIC_EXTENSIONS.has(key)) extensions[key] = value;
  }
  return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
}

export function isMasked(formatted: GraphQLFormattedError): boolean {
  return !PUBLIC_CODES.has(String(formatted.extensions?.code ?? ErrorCode.Internal));
}
