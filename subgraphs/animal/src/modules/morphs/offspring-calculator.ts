import { badInput } from '@studbook/platform';
import type { GeneRow } from './gene-catalog.js';
import { formatGenotype } from './genotype-format.js';
import { superName, type CarriedGene, type Genotype, type VisualGene } from './genotype.js';
import { Rational, sum } from './rational.js';

/** Past this many outcome classes a prediction is no longer something a breeder can read. */
export const MAX_OUTCOMES = 4096;

const QUARTER = Rational.of(1, 4);
/** The wild-type allele. */
const WILD = null;
type Allele = GeneRow | typeof WILD;

/** The two alleles an animal has at one locus, with the probability of that pair. */
interface AllelePair {
  alleles: [Allele, Allele];
  probability: Rational;
}

/** What offspring look like and carry at one locus, and how likely that is. */
interface LocusClass {
  probability: Rational;
  visual: VisualGene[];
  hets: CarriedGene[];
}

export interface Outcome {
  genotype: Genotype;
  name: string;
  probability: Rational;
}

export interface Prediction {
  /** Every outcome, most likely first; the probabilities add up to exactly 1. */
  outcomes: Outcome[];
  /** Lethal super forms left out, e.g. "Super Spider". */
  lethalForms: string[];
  /** The share of conceptions with a lethal super form, before re-normalising. */
  lethalProbability: Rational;
}

/**
 * Every offspring class of a pairing, by Mendel: each parent passes one of its two alleles at each
 * locus with probability 1/2, and loci assort independently. A possible het is a parent whose pair
 * is (gene, wild) with its odds and (wild, wild) otherwise. Lethal supers are dropped per locus and
 * the rest re-normalised, which, with independent loci, is the same as doing it over the whole
 * prediction. Offspring that look alike at a recessive locus merge into one class with their odds
 * of being het, as breeders write them ("66% Het Clown").
 */
export function predictOffspring(sire: Genotype, dam: Genotype): Prediction {
  const genes = [...sire.visual, ...sire.hets, ...dam.visual, ...dam.hets].map(({ gene }) => gene);
  const locusNames = [...new Set(genes.map((gene) => gene.locus))].sort();
  const lethalForms: string[] = [];
  let survival = Rational.ONE;
  let combined: LocusClass[] = [{ probability: Rational.ONE, visual: [], hets: [] }];
  for (const locus of locusNames) {
    const pairs = cross(pairsAt(sire, locus), pairsAt(dam, locus));
    const lethal = pairs.filter(isLethal);
    const living = pairs.filter((pair) => !isLethal(pair));
    const lethalShare = sum(lethal.map(({ probability }) => probability));
    if (!lethalShare.isZero()) {
      lethalForms.push(...lethal.map(({ alleles }) => superName(alleles[0]!)));
      survival = survival.mul(Rational.ONE.sub(lethalShare));
    }
    const classes = classify(renormalise(living));
    if (combined.length * classes.length > MAX_OUTCOMES) {
      throw badInput(`This pairing has more than ${MAX_OUTCOMES} outcome classes; compare fewer genes at once`);
    }
    combined = combined.flatMap((sofar) =>
      classes.map((next) => ({
        probability: sofar.probability.mul(next.probability),
        visual: [...sofar.visual, ...next.visual],
        hets: [...sofar.hets, ...next.hets],
      })),
    );
  }
  const outcomes = combined
    .map(({ probability, visual, hets }) => {
      const genotype = { visual, hets };
      return { genotype, name: formatGenotype(genotype), probability };
    })
    .sort((a, b) => b.probability.compare(a.probability) || a.name.localeCompare(b.name));
  return { outcomes, lethalForms, lethalProbability: Rational.ONE.sub(survival) };
}

/** A parent's possible allele pairs at one locus. */
function pairsAt(parent: Genotype, locus: string): AllelePair[] {
  const visual = parent.visual.filter(({ gene }) => gene.locus === locus);
  const het = parent.hets.find(({ gene }) => gene.locus === locus);
  if (het) {
    const pairs: AllelePair[] = [{ alleles: [het.gene, WILD], probability: het.probability }];
    if (!het.probability.isOne()) pairs.push({ alleles: [WILD, WILD], probability: Rational.ONE.sub(het.probability) });
    return pairs;
  }
  const alleles: Allele[] = visual.flatMap(({ gene, copies }) => (copies === 2 ? [gene, gene] : [gene]));
  while (alleles.length < 2) alleles.push(WILD);
  return [{ alleles: [alleles[0], alleles[1]], probability: Rational.ONE }];
}

/** Every pair of gametes, one allele from each parent, each allele with probability 1/2. */
function cross(sire: AllelePair[], dam: AllelePair[]): AllelePair[] {
  const byKey = new Map<string, AllelePair>();
  for (const fromSire of sire) {
    for (const fromDam of dam) {
      const probability = fromSire.probability.mul(fromDam.probability).mul(QUARTER);
      for (const a of fromSire.alleles) {
        for (const b of fromDam.alleles) {
          const alleles = ordered(a, b);
          const key = alleles.map((allele) => allele?.name ?? '').join('|');
          const existing = byKey.get(key);
          byKey.set(key, { alleles, probability: existing ? existing.probability.add(probability) : probability });
        }
      }
    }
  }
  return [...byKey.values()];
}

/** Genes before the wild allele, then by name, so (Mojave, Lesser) and (Lesser, Mojave) are one pair. */
function ordered(a: Allele, b: Allele): [Allele, Allele] {
  if (a === WILD) return [b, a];
  if (b === WILD) return [a, b];
  return a.name <= b.name ? [a, b] : [b, a];
}

function isLethal({ alleles: [a, b] }: AllelePair): boolean {
  return a !== WILD && a.name === b?.name && a.lethalSuper;
}

function renormalise(pairs: AllelePair[]): AllelePair[] {
  const total = sum(pairs.map(({ probability }) => probability));
  return pairs.map((pair) => ({ ...pair, probability: pair.probability.div(total) }));
}

/**
 * At a recessive locus the visual class stands alone and the normal-looking ones merge, carrying
 * the odds of being het; at any other locus every pair shows and is its own class.
 */
function classify(pairs: AllelePair[]): LocusClass[] {
  const gene = pairs.flatMap(({ alleles }) => alleles).find((allele) => allele !== WILD);
  if (!gene) return [{ probability: Rational.ONE, visual: [], hets: [] }];
  if (gene.inheritance !== 'RECESSIVE') {
    return pairs.map(({ alleles, probability }) => ({ probability, visual: visualOf(alleles), hets: [] }));
  }
  const visual = sum(pairs.filter(({ alleles }) => alleles[1] !== WILD).map(({ probability }) => probability));
  const het = sum(pairs.filter(({ alleles }) => alleles[0] !== WILD && alleles[1] === WILD).map(({ probability }) => probability));
  const normalLooking = Rational.ONE.sub(visual);
  const classes: LocusClass[] = [];
  if (!visual.isZero()) classes.push({ probability: visual, visual: [{ gene, copies: 2 }], hets: [] });
  if (!normalLooking.isZero()) {
    const hets = het.isZero() ? [] : [{ gene, probability: het.div(normalLooking) }];
    classes.push({ probability: normalLooking, visual: [], hets });
  }
  return classes;
}

function visualOf([a, b]: [Allele, Allele]): VisualGene[] {
  if (a === WILD) return [];
  if (b?.name === a.name) return [{ gene: a, copies: 2 }];
  return b === WILD ? [{ gene: a, copies: 1 }] : [{ gene: a, copies: 1 }, { gene: b, copies: 1 }];
}
