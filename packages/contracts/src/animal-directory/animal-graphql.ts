import { ErrorCode, IDENTITY_HEADER, requestContextHeaders, userError } from '@studbook/platform';

/** Asks the animal subgraph one query as the caller (their own gateway token, forwarded as is), with this request's id and trace context. */
export async function askAnimalSubgraph<Data>(url: string, callerIdentityToken: string, query: string, variables: Record<string, unknown>): Promise<Data> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: callerIdentityToken, ...requestContextHeaders() },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
  } catch {
    // Timed out or unreachable: nothing was written yet, so the caller may simply try again.
    throw animalRecordsUnavailable();
  }
  if (response.status >= 500) throw animalRecordsUnavailable();
  const body = (await response.json()) as { data?: Data | null; errors?: unknown[] };
  if (!response.ok || !body.data) throw new Error(`animal subgraph query failed with HTTP ${response.status}`);
  return body.data;
}

const ANSWER_WITHIN_MS = 5_000;

/** What the caller is told when the animal subgraph does not answer: coded, retryable, naming no service. */
const animalRecordsUnavailable = () => userError(ErrorCode.SubgraphUnavailable, 'The animal records did not answer in time; try again', { retryable: true });
