/**
 * Pedigree completeness index (MacCluer et al. 1983) over `generations`, from the set of known ancestor positions ('S','D','SS','SD',...; 'SD' = sire's dam).
 * Each side's completeness is the mean over generations 1..g of the share of that side's 2^(k−1) ancestors known in generation k;
 * the index is their harmonic mean 2·C_sire·C_dam / (C_sire + C_dam), so a pedigree known on one side only scores 0.
 */
export function pedigreeCompleteness(knownPositions: ReadonlySet<string>, generations: number): number {
  if (!Number.isInteger(generations) || generations < 1) throw new RangeError(`generations must be a positive integer, got ${generations}`);
  const knownPerGeneration = { S: new Array<number>(generations).fill(0), D: new Array<number>(generations).fill(0) };
  for (const position of knownPositions) {
    if (position.length < 1 || position.length > generations || !/^[SD]+$/.test(position)) continue;
    knownPerGeneration[position[0] as 'S' | 'D'][position.length - 1]++;
  }
  const side = (known: number[]) => known.reduce((sum, count, k) => sum + count / 2 ** k, 0) / generations;
  const sire = side(knownPerGeneration.S);
  const dam = side(knownPerGeneration.D);
  return sire + dam === 0 ? 0 : (2 * sire * dam) / (sire + dam);
}
