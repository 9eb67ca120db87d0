import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** A GraphQL error as the gateway codes it: `extensions.code`, and `extensions.field` for bad input. */
export interface CodedError {
  message: string;
  code: string;
  field?: string;
}

const SENTENCES: Record<string, string> = {
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'Your role in this organisation does not allow that.',
  NOT_FOUND: 'That record does not exist, or you can no longer see it.',
  TOO_MANY_REQUESTS: 'Too many attempts. Please wait a little and try again.',
  SUBGRAPH_UNAVAILABLE: 'Part of Studbook is not answering right now. Try again in a moment.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Please try again.',
  OPERATION_TOO_EXPENSIVE: 'That request is too large. Ask for fewer generations or records.',
};

/** Every coded error of a failed operation (network failures become one NETWORK error). */
export function codedErrors(error: unknown): CodedError[] {
  if (!error) return [];
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => ({
      message: e.message,
      code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
      field: typeof e.extensions?.field === 'string' ? e.extensions.field : undefined,
    }));
  }
  if (ServerError.is(error) && error.statusCode === 401) return [{ message: 'Session expired or signed out', code: 'UNAUTHENTICATED' }];
  return [{ message: 'Studbook cannot be reached. Check your connection and try again.', code: 'NETWORK' }];
}

/** A sentence for a person: the API's own message for input and rule errors (they name the problem), ours for the rest. */
export function sentenceFor(error: CodedError): string {
  if (error.code === 'BAD_USER_INPUT' || error.code === 'CONFLICT') return capitalise(error.message);
  if (error.code === 'NETWORK') return error.message;
  return SENTENCES[error.code] ?? capitalise(error.message);
}

/** Errors that name an input field, keyed by the field's last path segment (`input.name` -> `name`). */
export function fieldErrors(errors: CodedError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors) {
    if (!error.field) continue;
    const key = error.field.replace(/^input\./, '');
    byField[key] ??= sentenceFor(error);
  }
  return byField;
}

/** Errors no field shows, for a form-level message. */
export function formErrors(errors: CodedError[], shownFields: readonly string[]): string[] {
  const shown = new Set(shownFields);
  return errors.filter((e) => !e.field || !shown.has(e.field.replace(/^input\./, ''))).map(sentenceFor);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
