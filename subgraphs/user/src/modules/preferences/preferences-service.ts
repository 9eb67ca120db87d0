import { badInput, conflict, forbidden, requireUser, type Identity } from '@studbook/platform';
import type { PreferencesInput } from '../../__generated__/resolvers-types.js';
import { keys, type ItemKey } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { getMembershipConsistent } from '../organization/organization-reads.js';
import { applyPreferencesInput } from './preferences-input.js';
import { DEFAULT_PREFERENCES, getPreferences, savePreferences, type PreferencesItem } from './preferences-store.js';
import type { CatalogSpecies } from './species-catalog.js';

export interface PreferencesServiceDeps {
  table: UserTable;
  identity: Identity;
  /** The species catalog, asked as the caller. */
  findSpecies: (name: string) => Promise<CatalogSpecies | null>;
}

/**
 * Per-request preference rules. A user's own preferences start from their organisation's
 * defaults until first saved; the organisation's defaults are changed by OWNER or ADMIN.
 */
export class PreferencesService {
  constructor(private readonly deps: PreferencesServiceDeps) {}

  async mine(): Promise<PreferencesItem> {
    const user = requireUser(this.deps.identity);
    const own = await getPreferences(this.deps.table, keys.userPreferences(user.userId));
    return own ?? { ...(await this.organizations()), version: 0, updatedAt: null };
  }

  async organizations(): Promise<PreferencesItem> {
    const user = requireUser(this.deps.identity);
    return (await getPreferences(this.deps.table, keys.organizationPreferences(user.organizationId))) ?? DEFAULT_PREFERENCES;
  }

  async updateMine(input: PreferencesInput, expectedVersion: number): Promise<PreferencesItem> {
    const user = requireUser(this.deps.identity);
    return this.update(keys.userPreferences(user.userId), await this.mine(), input, expectedVersion);
  }

  async updateOrganizations(input: PreferencesInput, expectedVersion: number): Promise<PreferencesItem> {
    const user = requireUser(this.deps.identity);
    const membership = await getMembershipConsistent(this.deps.table, user.organizationId, user.userId);
    if (membership?.role !== 'OWNER' && membership?.role !== 'ADMIN') throw forbidden("Only an OWNER or ADMIN can change the organisation's preferences");
    return this.update(keys.organizationPreferences(user.organizationId), await this.organizations(), input, expectedVersion);
  }

  private async update(key: ItemKey, current: PreferencesItem, input: PreferencesInput, expectedVersion: number): Promise<PreferencesItem> {
    const next = applyPreferencesInput(current, input, expectedVersion);
    if (input.defaultSpecies !== undefined && next.defaultSpecies) next.defaultSpecies = await this.knownSpecies(next.defaultSpecies);
    if (expectedVersion !== current.version || (await savePreferences(this.deps.table, key, next, expectedVersion)) === 'conflict') {
      throw conflict(`Preferences were saved by someone else (you edited version ${expectedVersion}); reload them and try again`);
    }
    return next;
  }

  /** A default species must be one forms can pre-select: stored as the catalog's common name. */
  private async knownSpecies(name: string): Promise<string> {
    const species = await this.deps.findSpecies(name);
    if (!species)
      throw badInput(`Unknown species "${name.slice(0, 80)}": defaultSpecies must name a species of the catalog (common or scientific name)`, 'defaultSpecies');
    return species.commonName;
  }
}
