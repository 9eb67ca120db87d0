import { badInput } from '@studbook/platform';
import type { PreferencesInput } from '../../__generated__/resolvers-types.js';
import type { PreferencesItem } from './preferences-store.js';

const PEDIGREE_DEPTH = { min: 1, max: 10 };
const MAX_SPECIES_LENGTH = 100;

/**
 * The preferences after an edit of version `expectedVersion`, validated; the first problem is a
 * BAD_USER_INPUT naming its field. Notification names the item does not know are ignored.
 */
export function applyPreferencesInput(current: PreferencesItem, input: PreferencesInput, expectedVersion: number): PreferencesItem {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) throw badInput('expectedVersion must be 0 or a version you read', 'expectedVersion');
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
