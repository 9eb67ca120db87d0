import { superName, type CarriedGene, type Genotype, type VisualGene } from './genotype.js';
import { Rational } from './rational.js';

const TWO_THIRDS = Rational.of(2, 3);
const HET_COUNT_WORDS: Record<number, string> = { 2: 'Double Het', 3: 'Triple Het' };

/**
 * A het's odds the way breeders print them: "66%" for 2/3 (the convention), exact whole percents
 * as they are, anything else rounded but never to 0% or 100%.
 */
export function oddsLabel(probability: Rational): string {
  if (probability.equals(TWO_THIRDS)) return '66%';
  const percent = probability.mul(Rational.of(100));
  if (percent.denominator === 1n) return `${percent.numerator}%`;
  return `${Math.min(99, Math.max(1, Math.round(percent.toNumber())))}%`;
}

/** Genes that show in one copy come first, then visual recessives; alphabetical within each. */
function inDisplayOrder(visual: readonly VisualGene[]): VisualGene[] {
  const rank = (entry: VisualGene) => (entry.gene.inheritance === 'RECESSIVE' ? 1 : 0);
  return [...visual].sort((a, b) => rank(a) - rank(b) || a.gene.name.localeCompare(b.gene.name));
}

function visualName({ gene, copies }: VisualGene): string {
  return copies === 2 && gene.inheritance !== 'RECESSIVE' ? superName(gene) : gene.name;
}

/** Certain hets by name, then possible hets by odds (highest first) and name. */
export function inHetOrder(hets: readonly CarriedGene[]): CarriedGene[] {
  return [...hets].sort((a, b) => b.probability.compare(a.probability) || a.gene.name.localeCompare(b.gene.name));
}

/**
 * Breeders' notation: "Pastel 66% Het Clown", "Lesser Mojave", "Double Het Clown Piebald",
 * "Normal". The parser reads back what this writes.
 */
export function formatGenotype(genotype: Genotype): string {
  const parts = inDisplayOrder(genotype.visual).map(visualName);
  const hets = inHetOrder(genotype.hets);
  const certain = hets.filter(({ probability }) => probability.isOne()).map(({ gene }) => gene.name);
  if (certain.length > 0) parts.push(`${HET_COUNT_WORDS[certain.length] ?? 'Het'} ${certain.join(' ')}`);
  for (const { gene, probability } of hets) {
    if (!probability.isOne()) parts.push(`${oddsLabel(probability)} Het ${gene.name}`);
  }
  return parts.length > 0 ? parts.join(' ') : 'Normal';
}

/**
 * What the animal looks like: two alleles of a locus with a compound phenotype show it (Lesser
 * Mojave and Super Lesser are both Blue-Eyed Leucistic), two copies of a dominant gene look like
 * one, hets do not show.
 */
export function phenotypeOf(genotype: Genotype): string {
  const parts: string[] = [];
  const compoundShown = new Set<string>();
  for (const entry of inDisplayOrder(genotype.visual)) {
    const { gene, copies } = entry;
    const copiesAtLocus = genotype.visual.filter((other) => other.gene.locus === gene.locus).reduce((total, other) => total + other.copies, 0);
    if (gene.compoundPhenotype && copiesAtLocus === 2) {
      if (!compoundShown.has(gene.locus)) parts.push(gene.compoundPhenotype);
      compoundShown.add(gene.locus);
    } else {
      parts.push(copies === 2 && gene.inheritance === 'DOMINANT' ? gene.name : visualName(entry));
    }
  }
  return parts.length > 0 ? parts.join(' ') : 'Normal';
}

/** The same genotype in display order, so two spellings of one genotype compare equal. */
export function canonical(genotype: Genotype): Genotype {
  return { visual: inDisplayOrder(genotype.visual), hets: inHetOrder(genotype.hets) };
}

/** A visual gene as the API shows it. */
export function visualView(entry: VisualGene) {
  return { gene: entry.gene, copies: entry.copies, name: visualName(entry) };
}

/** A het as the API shows it: exact fraction, float and breeders' label. */
export function hetView({ gene, probability }: CarriedGene) {
  return { gene, probability: probability.toNumber(), fraction: probability.toString(), label: oddsLabel(probability) };
}

/** The GraphQL Genotype of a parsed or stored genotype. */
export function genotypeView(genotype: Genotype) {
  const hets = inHetOrder(genotype.hets);
  return {
    notation: formatGenotype(genotype),
    phenotype: phenotypeOf(genotype),
    visual: inDisplayOrder(genotype.visual).map(visualView),
    hets: hets.filter(({ probability }) => probability.isOne()).map(hetView),
    possibleHets: hets.filter(({ probability }) => !probability.isOne()).map(hetView),
  };
}
