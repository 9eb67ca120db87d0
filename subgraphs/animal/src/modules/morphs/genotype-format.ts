import type { GeneRow } from './gene-catalog.js';
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

/** One collator for every sort: names sort the same on every server, and building one per comparison is slow. */
export const byText = new Intl.Collator('en').compare;
const rank = (gene: GeneRow) => (gene.inheritance === 'RECESSIVE' ? 1 : 0);

function visualName({ gene, copies }: VisualGene): string {
  return copies === 2 && gene.inheritance !== 'RECESSIVE' ? superName(gene) : gene.name;
}

/** Genes that show in one copy come first, then visual recessives; alphabetical within each. */
function inDisplayOrder(visual: readonly VisualGene[]): VisualGene[] {
  return [...visual].sort((a, b) => rank(a.gene) - rank(b.gene) || byText(visualName(a), visualName(b)));
}

/** Certain hets by name, then possible hets by odds (highest first) and name. */
export function inHetOrder(hets: readonly CarriedGene[]): CarriedGene[] {
  return [...hets].sort((a, b) => b.probability.compare(a.probability) || byText(a.gene.name, b.gene.name));
}

/** "Het Clown", "Double Het Clown Piebald", then "66% Het Albino" for each possible het. */
function hetParts(hets: readonly CarriedGene[]): string[] {
  const ordered = inHetOrder(hets);
  const certain = ordered.filter(({ probability }) => probability.isOne()).map(({ gene }) => gene.name);
  const parts = certain.length > 0 ? [`${HET_COUNT_WORDS[certain.length] ?? 'Het'} ${certain.join(' ')}`] : [];
  for (const { gene, probability } of ordered) {
    if (!probability.isOne()) parts.push(`${oddsLabel(probability)} Het ${gene.name}`);
  }
  return parts;
}

/**
 * Breeders' notation: "Pastel 66% Het Clown", "Lesser Mojave", "Double Het Clown Piebald",
 * "Normal". The parser reads back what this writes.
 */
export function formatGenotype(genotype: Genotype): string {
  const parts = [...inDisplayOrder(genotype.visual).map(visualName), ...hetParts(genotype.hets)];
  return parts.length > 0 ? parts.join(' ') : 'Normal';
}

/**
 * What shows, locus by locus: two alleles of a locus with a compound phenotype show it (Lesser
 * Mojave and Super Lesser are both Blue-Eyed Leucistic), two copies of a dominant gene look like
 * one, hets do not show.
 */
function phenotypeParts(genotype: Genotype): string[] {
  const byLocus = new Map<string, VisualGene[]>();
  for (const entry of genotype.visual) byLocus.set(entry.gene.locus, [...(byLocus.get(entry.gene.locus) ?? []), entry]);
  const parts: { rank: number; text: string }[] = [];
  for (const entries of byLocus.values()) {
    const copies = entries.reduce((total, { copies }) => total + copies, 0);
    const compound = entries[0].gene.compoundPhenotype;
    if (compound && copies === 2) {
      parts.push({ rank: 0, text: compound });
      continue;
    }
    for (const entry of entries) {
      const text = entry.copies === 2 && entry.gene.inheritance === 'DOMINANT' ? entry.gene.name : visualName(entry);
      parts.push({ rank: rank(entry.gene), text });
    }
  }
  return parts.sort((a, b) => a.rank - b.rank || byText(a.text, b.text)).map(({ text }) => text);
}

export function phenotypeOf(genotype: Genotype): string {
  return phenotypeParts(genotype).join(' ') || 'Normal';
}

/**
 * A class of look-alike offspring as breeders name it: the morph they show, then their hets and
 * possible hets ("Blue-Eyed Leucistic 66% Het Clown", "66% Het Clown", "Normal").
 */
export function morphName(genotype: Genotype): string {
  return [...phenotypeParts(genotype), ...hetParts(genotype.hets)].join(' ') || 'Normal';
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
