/**
 * Words of breeders' notation that name no gene, as the animal subgraph's genotype parser reads
 * them (subgraphs/animal/src/modules/morphs/genotype-parser.ts).
 */
const MARKERS = new Set([
  'het',
  'hets',
  'heterozygous',
  'pos',
  'poss',
  'possible',
  'probable',
  'super',
  'homozygous',
  'homo',
  'normal',
  'wildtype',
  'classic',
  'double',
  'triple',
  'quad',
  'quadruple',
  'and',
]);

/**
 * At most how many genes a genotype written in breeders' notation names, without the gene
 * catalog: every word that is not a marker or a percentage. A gene of two words ("Yellow Belly")
 * counts twice, which only overestimates.
 */
export function genesIn(genotype: string): number {
  return genotype
    .replace(/(\d)\s+%/g, '$1%')
    .replace(/[,;+&()/]|\.(?!\d)/g, ' ')
    .split(/\s+/)
    .filter((word) => word && !MARKERS.has(word.toLowerCase()) && !/^\d{1,3}(?:\.\d{1,2})?%$/.test(word)).length;
}
