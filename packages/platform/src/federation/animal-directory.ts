import { IDENTITY_HEADER, type IdentityTokens } from '../identity/identity-token.js';
import type { Identity } from '../identity/identity.js';

export interface AnimalSummary {
  id: string;
  ownerId: string;
  visibility: 'PRIVATE' | 'PUBLIC';
}

const ENTITIES_QUERY = /* GraphQL */ `
  query AnimalDirectory($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Animal { id visibility owner { id } }
    }
  }
`;

/**
 * Asks the animal subgraph, as the caller, which animals exist and who owns them. Commerce and
 * research check references this way before writing, so RLS in the animal database decides
 * what the caller may see: a private animal of another organisation is simply absent.
 */
export class AnimalDirectory {
  constructor(
    private readonly animalSubgraphUrl: string,
    private readonly identityTokens: IdentityTokens,
  ) {}

  async lookup(identity: Identity, ids: readonly string[]): Promise<Map<string, AnimalSummary>> {
    const found = new Map<string, AnimalSummary>();
    if (ids.length === 0) return found;
    const response = await fetch(this.animalSubgraphUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await this.identityTokens.sign(identity) },
      body: JSON.stringify({ query: ENTITIES_QUERY, variables: { representations: ids.map((id) => ({ __typename: 'Animal', id })) } }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await response.json()) as { data?: { _entities: ({ id: string; visibility: AnimalSummary['visibility']; owner: { id: string } | null } | null)[] }; errors?: unknown[] };
    if (!response.ok || !body.data) throw new Error(`animal directory lookup failed with HTTP ${response.status}`);
    for (const entity of body.data._entities) {
      if (entity) found.set(entity.id, { id: entity.id, ownerId: entity.owner?.id ?? '', visibility: entity.visibility });
    }
    return found;
  }
}
