import { badInput, conflict, forbidden, requireUser, type Identity } from '@studbook/platform';
import type { PreferencesInput } from '../../__generated__/resolvers-types.js';
import { keys, type ItemKey } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { getMembershipConsistent } from '../organization/membership-store.js';
import { DEFAULT_PREFERENCES, getPreferences, savePreferences, type PreferencesItem } from './preferences-store.js';
import type { CatalogSpecies } from './species-catalog.js';

const PEDIGREE_DEPTH = { min: 1, max: 10 };
const MAX_SPECIES_LENGTH = 100;

/**
 * Per-request preference rules. A user's own preferences start from their organisation's
 * defaults until first saved; the organisation's defaults are changed by OWNER or ADMIN.
 */
export class PreferencesService {
  constructor(
    private readonly deps: {
      table: UserTable;
      identity: Identity;
      /** The species catalog, asked as the caller. */
      findSpecies: (name: string) => Promise<CatalogSpecies | null>;
    },
  ) {}

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
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) throw badInput('expectedVersion must be 0 or a version you read', 'expectedVersion');
    const next = applyInput(current, input, expectedVersion);
    if (input.defaultSpecies !== undefined && next.defaultSpecies) next.defaultSpecies = await this.knownSpecies(next.defaultSpecies);
    if (expectedVersion !== current.version || (await savePreferences(this.deps.table, key, next, expectedVersion)) === 'conflict') {
      throw conflict(`Preferences were saved by someone else (you edited version ${expectedVersion}); reload them and try again`);
    }
    return next;
  }

  /** A default species must be one forms can pre-select: stored as the catalog's common name. */
  private async knownSpecies(name: string): Promise<string> {
    const species = await this.deps.findSpecies(name);
    if (!species) throw badInput(`Unknown species "${name.slice(0, 80)}": defaultSpecies must name a species of the catalog (common or scientific name)`, 'defaultSpecies');
    return species.commonName;
  }
}

function applyInput(current: PreferencesItem, input: PreferencesInput, expectedVersion: number): PreferencesItem {
  const depth = input.pedigreeDepth ?? current.pedigreeDepth;
  if (!Number.isInteger(depth) || depth < PEDIGREE_DEPTH.min || depth > PEDIGREE_DEPTH.max) {
    throw badInput(`pedigreeDepth must be ${PEDIGREE_DEPTH.min} to ${PEDIGREE_DEPTH.max}`, 'pedigreeDepth');
  }
  let defaultSpecies = current.defaultSpecies;
  if (input.defaultSpecies !== undefined) {
    const species = input.defaultSpecies?.trim() ?? '';
    if (species.length > MAX_SPECIES_LENGTH) throw badInput(`defaultSpecies must be at most ${MAX_SPECIES_LENGTH} characters`, 'defaultSpecies');
    defaultSpecies = species || null;
  }
  const notifications = { ...current.notifications };
  for (const [name, value] of Object.entries(input.notifications ?? {})) {
    if (typeof value === 'boolean' && name in notifications) notifications[name as keyof typeof notifications] = value;
  }
  return {
    units: input.units ?? current.units,
    defaultSpecies,
    pedigreeDepth: depth,
    notifications,
    version: expectedVersion + 1,
    updatedAt: new Date().toISOString(),
  };
}
