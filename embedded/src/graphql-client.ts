/** A minimal GraphQL-over-HTTP client, the way the SPA and scripts call the gateway. */
export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

// biome-ignore lint/suspicious/noExplicitAny: scripts destructure the fields their own query selects
export async function graphqlRequest<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { ...body, status: response.status };
}

/** Like graphqlRequest, but throws on any error: for scripts that expect success. */
// biome-ignore lint/suspicious/noExplicitAny: scripts destructure the fields their own query selects
export async function graphqlData<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const result = await graphqlRequest<T>(url, query, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL request failed: ${JSON.stringify(result.errors ?? result.status)}`);
  return result.data;
}
