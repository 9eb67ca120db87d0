import { IDENTITY_HEADER, requestContextHeaders } from '@studbook/platform';

const ENTITIES_QUERY = /* GraphQL */ `
  query OrganizationNames($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Organization { id name } }
  }
`;

/**
 * Asks the user subgraph, as the caller (their own gateway token, forwarded as is), for
 * organisations' names by id: what a subgraph prints where no client's query can fetch the name
 * through the gateway (a certificate PDF). Names only; an unknown id is absent from the answer.
 */
export async function organizationNames(userSubgraphUrl: string, callerIdentityToken: string, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const response = await fetch(userSubgraphUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: callerIdentityToken, ...requestContextHeaders() },
    body: JSON.stringify({ query: ENTITIES_QUERY, variables: { representations: ids.map((id) => ({ __typename: 'Organization', id })) } }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await response.json()) as { data?: { _entities: ({ id: string; name: string } | null)[] } | null };
  if (!response.ok || !body.data) throw new Error(`user subgraph query failed with HTTP ${response.status}`);
  for (const organization of body.data._entities) if (organization) names.set(organization.id, organization.name);
  return names;
}
