import { badInput } from '@studbook/platform';
import type { GeneRow } from './gene-catalog.js';
import { byText, canonical, formatGenotype, morphName, phenotypeOf } from './genotype-format.js';
import { superName, type CarriedGene, type Genotype, type VisualGene } from './genotype.js';
import { Rational, sum } from './rational.js';

/** Past this many offspring genotypes a prediction is no longer something a breeder can read (nor cheap to compute). */
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

/** One genotype of a look-alike class at a locus, with its odds within the class. */
interface Variant {
  visual: VisualGene[];
  probability: Rational;
}

/** Offspring that look alike and carry the same het odds at one locus, and how likely that is. */
interface LocusClass {
  probability: Rational;
  hets: CarriedGene[];
  variants: Variant[];
}

export interface Outcome {
  /** The look and the hets in breeders' notation: "Pastel 66% Het Clown", "Blue-Eyed Leucistic". */
  name: string;
  phenotype: string;
  probability: Rational;
  hets: CarriedGene[];
  /** The genotypes that look like this, with their odds within the class, most likely first. */
  genotypes: { genotype: Genotype; notation: string; probability: Rational }[];
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
 * prediction. Offspring that look alike and carry the same het odds form one class: at a recessive
 * locus the normal-looking ones carry their odds of being het ("66% Het Clown"); at any other, the
 * genotypes of one look (Lesser Mojave and Super Lesser, Pinstripe and Super Pinstripe) are listed
 * within the class with their odds.
 */
export function predictOffspring(sire: Genotype, dam: Genotype): Prediction {
  const genes = [...sire.visual, ...sire.hets, ...dam.visual, ...dam.hets].map(({ gene }) => gene);
  const locusNames = [...new Set(genes.map((gene) => gene.locus))].sort();
  const lethalForms: string[] = [];
  let survival = Rational.ONE;
  let combined: LocusClass[] = [{ probability: Rational.ONE, hets: [], variants: [{ visual: [], probability: Rational.ONE }] }];
  let genotypeCount = 1;
  for (const locus of locusNames) {
    const pairs = cross(pairsAt(sire, locus), pairsAt(dam, locus));
    const lethal = pairs.filter(isLethal);
    const lethalShare = sum(lethal.map(({ probability }) => probability));
    if (!lethalShare.isZero()) {
      lethalForms.push(...lethal.map(({ alleles }) => superName(alleles[0]!)));
      survival = survival.mul(Rational.ONE.sub(lethalShare));
    }
    const classes = classify(renormalise(pairs.filter((pair) => !isLethal(pair))));
    genotypeCount *= classes.reduce((total, { variants }) => total + variants.length, 0);
    if (genotypeCount > MAX_OUTCOMES) {
      throw badInput(`This pairing has more than ${MAX_OUTCOMES} offspring genotypes; compare fewer genes at once`);
    }
    combined = combined.flatMap((sofar) => classes.map((next) => combine(sofar, next)));
  }
  const outcomes = combined.map(toOutcome).sort((a, b) => b.probability.compare(a.probability) || byText(a.name, b.name));
  return { outcomes, lethalForms, lethalProbability: Rational.ONE.sub(survival) };
}

function combine(sofar: LocusClass, next: LocusClass): LocusClass {
  return {
    probability: sofar.probability.mul(next.probability),
    hets: [...sofar.hets, ...next.hets],
    variants: sofar.variants.flatMap((a) => next.variants.map((b) => ({ visual: [...a.visual, ...b.visual], probability: a.probability.mul(b.probability) }))),
  };
}

function toOutcome({ probability, hets, variants }: LocusClass): Outcome {
  const genotypes = variants
    .map((variant) => {
      const genotype = canonical({ visual: variant.visual, hets });
      return { genotype, notation: formatGenotype(genotype), probability: variant.probability };
    })
    .sort((a, b) => b.probability.compare(a.probability) || byText(a.notation, b.notation));
  const [first] = genotypes;
  return { name: morphName(first.genotype), phenotype: phenotypeOf(first.genotype), probability, hets: first.genotype.hets, genotypes };
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
 * the odds of being het; at any other locus the pairs that look alike form one class.
 */
function classify(pairs: AllelePair[]): LocusClass[] {
  const gene = pairs.flatMap(({ alleles }) => alleles).find((allele) => allele !== WILD);
  if (!gene) return [{ probability: Rational.ONE, hets: [], variants: [{ visual: [], probability: Rational.ONE }] }];
  if (gene.inheritance === 'RECESSIVE') return classifyRecessive(pairs, gene);
  const byLook = new Map<string, AllelePair[]>();
  for (const pair of pairs) {
    const look = phenotypeOf({ visual: visualOf(pair.alleles), hets: [] });
    byLook.set(look, [...(byLook.get(look) ?? []), pair]);
  }
  return [...byLook.values()].map((alike) => {
    const probability = sum(alike.map((pair) => pair.probability));
    return { probability, hets: [], variants: alike.map((pair) => ({ visual: visualOf(pair.alleles), probability: pair.probability.div(probability) })) };
  });
}

function classifyRecessive(pairs: AllelePair[], gene: GeneRow): LocusClass[] {
  const visual = sum(pairs.filter(({ alleles }) => alleles[1] !== WILD).map(({ probability }) => probability));
  const het = sum(pairs.filter(({ alleles }) => alleles[0] !== WILD && alleles[1] === WILD).map(({ probability }) => probability));
  const normalLooking = Rational.ONE.sub(visual);
  const classes: LocusClass[] = [];
  if (!visual.isZero()) classes.push({ probability: visual, hets: [], variants: [{ visual: [{ gene, copies: 2 }], probability: Rational.ONE }] });
  if (!normalLooking.isZero()) {
    const hets = het.isZero() ? [] : [{ gene, probability: het.div(normalLooking) }];
    classes.push({ probability: normalLooking, hets, variants: [{ visual: [], probability: Rational.ONE }] });
  }
  return classes;
}

function visualOf([a, b]: [Allele, Allele]): VisualGene[] {
  if (a === WILD) return [];
  if (b?.name === a.name) return [{ gene: a, copies: 2 }];
  return b === WILD
    ? [{ gene: a, copies: 1 }]
    : [
        { gene: a, copies: 1 },
        { gene: b, copies: 1 },
      ];
}
