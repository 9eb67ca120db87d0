/** A grant as the pages describe it. */
export interface DescribedGrant {
  species?: string | null;
  animalIds: readonly string[];
  farmId?: string | null;
  groupId?: string | null;
  /** Null unless the reader is of the granting organisation (farms are private to it). */
  farm?: { name: string } | null;
  group?: { name: string } | null;
  animalsCovered?: number | null;
}

/**
 * What a grant covers, in words: "Every Sheep", "Every Sheep in Mob 1 on Home paddocks (12 animals now)",
 * "3 listed animals and every animal on Home paddocks". `speciesName` turns a catalog id into its name.
 */
export function grantDescription(grant: DescribedGrant, speciesName: (id: string) => string = (id) => id): string {
  const kind = grant.species ? speciesName(grant.species) : 'animal';
  let filter: string | null = null;
  if (grant.farmId) {
    const place = grant.groupId
      ? `in ${grant.group ? grant.group.name : 'a group'} on ${grant.farm ? grant.farm.name : 'a farm of theirs'}`
      : `on ${grant.farm ? grant.farm.name : 'a farm of theirs'}`;
    const count = grant.animalsCovered == null ? '' : ` (${grant.animalsCovered} ${grant.animalsCovered === 1 ? 'animal' : 'animals'} now)`;
    filter = `Every ${kind} ${place}${count}`;
  } else if (grant.species) {
    filter = `Every ${kind}`;
  }
  const listed = grant.animalIds.length > 0 ? `${grant.animalIds.length} listed animals` : null;
  return [filter, listed].filter(Boolean).join(' and ');
}
