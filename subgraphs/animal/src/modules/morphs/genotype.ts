import { badInput } from '@studbook/platform';
import type { GeneRow, SpeciesGenes } from './gene-catalog.js';
import { Rational } from './rational.js';

/** A gene that shows: one or two copies of a (incompletely) dominant gene, two of a recessive one. */
export interface VisualGene {
  gene: GeneRow;
  copies: 1 | 2;
}

/** One copy of a recessive gene, carried for certain (probability 1) or possibly. */
export interface CarriedGene {
  gene: GeneRow;
  probability: Rational;
}

export interface Genotype {
  visual: VisualGene[];
  hets: CarriedGene[];
}

export const NORMAL: Genotype = { visual: [], hets: [] };

/** How a genotype is stored in animal_genotypes.genes. */
export interface StoredGene {
  gene: string;
  copies: 1 | 2;
  /** Only for a possible het, as a fraction ("2/3"). */
  probability?: string;
}

const MAX_GENES = 24;

/**
 * Checks what no living animal can have: a gene written twice, three alleles at one locus, a lethal
 * super form, a het of a gene that shows in one copy. `field` names the input in the error.
 */
export function checkGenotype(genotype: Genotype, field: string): Genotype {
  const named = [...genotype.visual.map(({ gene }) => gene), ...genotype.hets.map(({ gene }) => gene)];
  if (named.length > MAX_GENES) throw badInput(`A genotype may name at most ${MAX_GENES} genes`, field);
  const seen = new Set<string>();
  for (const gene of named) {
    if (seen.has(gene.name)) throw badInput(`${gene.name} is written twice`, field);
    seen.add(gene.name);
  }
  for (const { gene, copies } of genotype.visual) {
    if (copies === 2 && gene.lethalSuper)
      throw badInput(`${gene.superName ?? `Super ${gene.name}`} is lethal: no living animal carries two copies of ${gene.name}`, field);
  }
  for (const { gene, probability } of genotype.hets) {
    if (gene.inheritance !== 'RECESSIVE') throw badInput(`${gene.name} shows in one copy, so an animal cannot be het for it`, field);
    if (probability.isZero() || probability.compare(Rational.ONE) > 0) throw badInput(`The odds of het ${gene.name} must be above 0% and at most 100%`, field);
  }
  const copiesAtLocus = new Map<string, VisualGene[]>();
  for (const visual of genotype.visual) copiesAtLocus.set(visual.gene.locus, [...(copiesAtLocus.get(visual.gene.locus) ?? []), visual]);
  for (const [locus, alleles] of copiesAtLocus) {
    const copies = alleles.reduce((total, { copies }) => total + copies, 0);
    if (copies > 2) {
      const names = alleles.map(({ gene, copies }) => (copies === 2 ? superName(gene) : gene.name));
      throw badInput(`An animal carries at most two ${locus} alleles, not ${listOf(names)}`, field);
    }
  }
  return genotype;
}

export function superName(gene: GeneRow): string {
  return gene.superName ?? `Super ${gene.name}`;
}

export function toStored(genotype: Genotype): StoredGene[] {
  return [
    ...genotype.visual.map(({ gene, copies }) => ({ gene: gene.name, copies })),
    ...genotype.hets.map(
      ({ gene, probability }): StoredGene => (probability.isOne() ? { gene: gene.name, copies: 1 } : { gene: gene.name, copies: 1, probability: probability.toString() }),
    ),
  ];
}

/** A recessive gene in one copy is a het; anything else shows. Genes since removed from the catalog are skipped. */
export function fromStored(stored: readonly StoredGene[], genes: SpeciesGenes): Genotype {
  const genotype: Genotype = { visual: [], hets: [] };
  for (const entry of stored) {
    const gene = genes.byName(entry.gene);
    if (!gene) continue;
    if (gene.inheritance === 'RECESSIVE' && entry.copies === 1) {
      genotype.hets.push({ gene, probability: entry.probability ? Rational.parse(entry.probability) : Rational.ONE });
    } else {
      genotype.visual.push({ gene, copies: entry.copies });
    }
  }
  return genotype;
}

function listOf(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
