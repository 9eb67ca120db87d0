import { badInput } from '@studbook/platform';
import type { GeneRow, SpeciesGenes } from './gene-catalog.js';
import { canonical } from './genotype-format.js';
import { checkGenotype, type Genotype } from './genotype.js';
import { Rational } from './rational.js';

const MAX_LENGTH = 300;
const TWO_THIRDS = Rational.of(2, 3);
const ONE_THIRD = Rational.of(1, 3);
const MULTIPLIERS: Record<string, number> = { double: 2, triple: 3, quad: 4, quadruple: 4 };
const HET = new Set(['het', 'hets', 'heterozygous']);
const POSSIBLE = new Set(['pos', 'poss', 'possible', 'probable']);
const TWO_COPIES = new Set(['super', 'homozygous', 'homo']);
const NO_GENE = new Set(['normal', 'wildtype', 'classic']);

/** Breeders round 2/3 and 1/3 either way: "66%", "67%", "33%" and "34%" all mean thirds. */
function percent(text: string, field: string): Rational {
  const value = Rational.fromDecimal(text).div(Rational.of(100));
  if (value.isZero() || value.compare(Rational.ONE) > 0) throw badInput(`"${text}%" is not odds of a het: use 1% to 100%`, field);
  if (['66', '67', '66.6', '66.7'].includes(text)) return TWO_THIRDS;
  if (['33', '34', '33.3'].includes(text)) return ONE_THIRD;
  return value;
}

interface HetRun {
  probability: Rational;
  label: string;
  expected: number | null;
  genes: number;
}

/**
 * Reads a genotype written the way breeders write it: visual genes, then hets, e.g. "Pastel Het
 * Clown", "Clown 66% Het Piebald", "Super Pastel Enchi", "Double Het Clown Piebald", "Lesser
 * Mojave", "Normal". Words after "Het" are hets until the next marker or a gene that shows in one
 * copy. Errors name the offending words; `field` names the input.
 */
export function parseGenotype(text: string, genes: SpeciesGenes, field: string): Genotype {
  if (text.length > MAX_LENGTH) throw badInput(`A genotype is at most ${MAX_LENGTH} characters`, field);
  const words = text
    .replace(/(\d)\s+%/g, '$1%')
    .replace(/[,;+&()/]|\.(?!\d)/g, ' ')
    .split(/\s+/)
    .filter((word) => word && word.toLowerCase() !== 'and');
  if (words.length === 0) throw badInput('Write a genotype, e.g. "Pastel Het Clown", or "Normal"', field);

  const genotype: Genotype = { visual: [], hets: [] };
  let run: HetRun | null = null;
  let pendingPercent: { value: Rational; label: string } | null = null;
  let pendingMultiplier: { count: number; label: string } | null = null;
  let pendingSuper: string | null = null;
  const unknown: string[] = [];
  const species = genes.species.commonName;

  const flushUnknown = () => {
    if (unknown.length > 0) throw badInput(`Unknown gene "${unknown.join(' ').slice(0, 60)}" for ${species}`, field);
  };
  const closeRun = () => {
    if (!run) return;
    if (run.genes === 0) throw badInput(`"${run.label}" must be followed by a recessive gene, e.g. "${run.label} Clown"`, field);
    if (run.expected !== null && run.genes !== run.expected) throw badInput(`"${run.label}" needs exactly ${run.expected} recessive genes`, field);
    run = null;
  };
  const checkNothingPending = (next: 'gene' | 'marker' | 'end') => {
    if (pendingPercent) throw badInput(`"${pendingPercent.label}" must be followed by "Het", e.g. "${pendingPercent.label} Het Clown"`, field);
    if (pendingMultiplier) throw badInput(`"${pendingMultiplier.label}" must be followed by "Het", e.g. "Double Het Clown Piebald"`, field);
    if (pendingSuper && next !== 'gene') throw badInput(`"${pendingSuper}" must be followed by a gene, e.g. "Super Pastel"`, field);
  };
  const addVisual = (gene: GeneRow, copies: 1 | 2) => genotype.visual.push({ gene, copies });

  for (let i = 0; i < words.length; ) {
    const word = words[i].toLowerCase();
    const percentMatch = /^(\d{1,3}(?:\.\d{1,2})?)%$/.exec(word);
    if (percentMatch) {
      flushUnknown();
      closeRun();
      checkNothingPending('marker');
      pendingPercent = { value: percent(percentMatch[1], field), label: words[i] };
      i += 1;
      continue;
    }
    if (POSSIBLE.has(word) && pendingPercent) {
      i += 1;
      continue;
    }
    if (POSSIBLE.has(word)) throw badInput(`Write the odds of a possible het, e.g. "66% Het ${words[i + 2] ?? words[i + 1] ?? 'Clown'}"`, field);
    if (word in MULTIPLIERS) {
      flushUnknown();
      closeRun();
      checkNothingPending('marker');
      pendingMultiplier = { count: MULTIPLIERS[word], label: words[i] };
      i += 1;
      continue;
    }
    if (HET.has(word)) {
      flushUnknown();
      closeRun();
      if (pendingSuper) checkNothingPending('marker');
      const label = [pendingMultiplier?.label ?? pendingPercent?.label, words[i]].filter(Boolean).join(' ');
      run = { probability: pendingPercent?.value ?? Rational.ONE, label, expected: pendingMultiplier?.count ?? null, genes: 0 };
      pendingPercent = null;
      pendingMultiplier = null;
      i += 1;
      continue;
    }
    if (TWO_COPIES.has(word) && !genes.phrase(words.slice(i, i + 2).join(' '))) {
      flushUnknown();
      closeRun();
      checkNothingPending('marker');
      pendingSuper = words[i];
      i += 1;
      continue;
    }
    if (NO_GENE.has(word)) {
      flushUnknown();
      i += 1;
      continue;
    }

    const match = longestPhrase(words, i, genes);
    if (!match) {
      unknown.push(words[i]);
      i += 1;
      continue;
    }
    flushUnknown();
    const { phrase, length } = match;
    const written = words.slice(i, i + length).join(' ');
    i += length;
    if (phrase.kind === 'compound') {
      const alleles = genes
        .allelesOf(phrase.locus)
        .slice(0, 2)
        .map((gene) => gene.name);
      throw badInput(`"${written}" does not say which ${phrase.locus} alleles the animal has: write them, e.g. "${alleles.join(' ')}" or "Super ${alleles[0]}"`, field);
    }
    const gene = phrase.gene;
    const copiesWritten = phrase.kind === 'super' || pendingSuper !== null;
    if (run && gene.inheritance === 'RECESSIVE' && !copiesWritten) {
      genotype.hets.push({ gene, probability: run.probability });
      run.genes += 1;
      continue;
    }
    if (run && run.genes === 0 && gene.inheritance !== 'RECESSIVE') throw badInput(`${gene.name} shows in one copy, so an animal cannot be het for it`, field);
    closeRun();
    checkNothingPending('gene');
    if (copiesWritten && gene.inheritance === 'RECESSIVE') {
      throw badInput(`${gene.name} is recessive: a visual one is written "${gene.name}"`, field);
    }
    pendingSuper = null;
    addVisual(gene, gene.inheritance === 'RECESSIVE' || copiesWritten ? 2 : 1);
  }
  flushUnknown();
  closeRun();
  checkNothingPending('end');
  return canonical(checkGenotype(genotype, field));
}

function longestPhrase(words: string[], start: number, genes: SpeciesGenes) {
  for (let length = Math.min(genes.longestPhrase, words.length - start); length > 0; length -= 1) {
    const phrase = genes.phrase(words.slice(start, start + length).join(' '));
    if (phrase) return { phrase, length };
  }
  return null;
}
