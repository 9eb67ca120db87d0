import { IDENTITY_HEADER, requestContextHeaders } from '@studbook/platform';

/** Asks the animal subgraph one query as the caller (their own gateway token, forwarded as is), with this request's id and trace context. */
export async function askAnimalSubgraph<Data>(url: string, callerIdentityToken: string, query: string, variables: Record<string, unknown>): Promise<Data> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: callerIdentityToken, ...requestContextHeaders() },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await response.json()) as { data?: Data | null; errors?: unknown[] };
  if (!response.ok || !body.data) throw new Error(`animal subgraph query failed with HTTP ${response.status}`);
  return body.data;
}
