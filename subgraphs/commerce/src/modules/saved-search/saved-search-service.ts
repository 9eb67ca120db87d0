import type DataLoader from 'dataloader';
import type { GeneNameCatalog } from '@studbook/contracts/animal-directory';
import { savedSearchCreated, savedSearchDeleted } from '@studbook/contracts/events';
import {
  appendEvent,
  ErrorCode,
  isUuid,
  measuredLoader,
  parseCreatedAtCursor,
  requireWriter,
  userError,
  validId,
  validPageSize,
  type Identity,
  type TenantDb,
  type TenantScope,
  type Tx,
} from '@studbook/platform';
import { normaliseSearch } from '../search/listing-matches.js';
import { parseMatchCursor, SAVED_SEARCHES_MAX, storedFilter, validName, type SaveSearchInput } from './saved-search-input.js';
import * as store from './saved-search-store.js';
import type { SavedSearchMatchRow, SavedSearchRow } from './saved-search-store.js';

export type { SavedSearchMatchRow, SavedSearchRow };

export interface SavedSearchServiceDeps {
  db: TenantDb;
  identity: Identity;
  /** The caller's tenant; null (anonymous or a service) has no saved search. */
  scope: TenantScope | null;
  catalog: GeneNameCatalog;
  /** The caller's own gateway token: the catalog is asked as them. */
  identityToken: string;
}

/** An organisation's saved searches and what they matched, for one request and one caller. */
export class SavedSearchService {
  private readonly searchById: DataLoader<string, SavedSearchRow | null>;
  private readonly matchById: DataLoader<string, SavedSearchMatchRow | null>;

  constructor(private readonly deps: SavedSearchServiceDeps) {
    const loader = <Row extends { id: string }>(name: string, find: (tx: Tx, ids: string[]) => Promise<Row[]>) =>
      measuredLoader<string, Row | null>(`commerce.${name}`, async (ids) => {
        const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
        if (!deps.scope || valid.length === 0) return ids.map(() => null);
        const byId = new Map((await deps.db.read(deps.scope, (tx) => find(tx, valid))).map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
      });
    this.searchById = loader('savedSearchById', store.findSavedSearches);
    this.matchById = loader('savedSearchMatchById', store.findMatches);
  }

  byId(id: string): Promise<SavedSearchRow | null> {
    return this.searchById.load(id);
  }

  match(id: string): Promise<SavedSearchMatchRow | null> {
    return this.matchById.load(id);
  }

  async list(first: number | null | undefined, after: string | null | undefined): Promise<{ rows: SavedSearchRow[]; hasNextPage: boolean }> {
    const size = validPageSize(first);
    const position = after ? parseCreatedAtCursor(after) : undefined;
    if (!this.deps.scope) return { rows: [], hasNextPage: false };
    const rows = await this.deps.db.read(this.deps.scope, (tx) => store.listSavedSearches(tx, { first: size, after: position }));
    return { rows: rows.slice(0, size), hasNextPage: rows.length > size };
  }

  /** The search's matches after the cursor, in the order matched (what savedSearchMatches replays). */
  async matchesOf(search: SavedSearchRow, after: string | null | undefined): Promise<SavedSearchMatchRow[]> {
    const position = parseMatchCursor(after);
    if (!this.deps.scope) return [];
    return this.deps.db.read(this.deps.scope, (tx) => store.matchesAfter(tx, search.id, position));
  }

  /** Checks the search as searchListings would, then saves it with its savedSearch.created event. */
  async save(input: SaveSearchInput): Promise<SavedSearchRow> {
    const caller = requireWriter(this.deps.identity);
    const name = validName(input.name);
    const filter = storedFilter(input.filter);
    const normalised = normaliseSearch(input.query, filter, await this.deps.catalog.species(this.deps.identityToken));
    return this.deps.db.run({ tenantId: caller.organizationId, userId: caller.userId }, async (tx) => {
      if ((await store.countSavedSearches(tx, caller.organizationId)) >= SAVED_SEARCHES_MAX) {
        throw userError(ErrorCode.Conflict, `An organisation may keep at most ${SAVED_SEARCHES_MAX} saved searches: delete one first`, { field: 'input' });
      }
      const row = await store.insertSavedSearch(tx, { createdByUserId: caller.userId, name, query: input.query?.trim() || null, filter, normalised });
      await appendEvent(tx, savedSearchCreated, { aggregateId: row.id, payload: { id: row.id } });
      return row;
    });
  }

  async delete(id: string): Promise<string> {
    const caller = requireWriter(this.deps.identity);
    const searchId = validId(id, 'id');
    await this.deps.db.run({ tenantId: caller.organizationId, userId: caller.userId }, async (tx) => {
      if (!(await store.deleteSavedSearch(tx, searchId))) throw userError(ErrorCode.NotFound, 'Saved search not found', { field: 'id' });
      await appendEvent(tx, savedSearchDeleted, { aggregateId: searchId, payload: { id: searchId } });
    });
    this.searchById.clear(searchId);
    return searchId;
  }
}
