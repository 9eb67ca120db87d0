import { describe, expect, it } from 'vitest';
import { parseGenotype } from './genotype-parser.js';
import { MAX_OUTCOMES, predictOffspring, type Prediction } from './offspring-calculator.js';
import { sum } from './rational.js';
import { ballPython } from './seeded-catalog.fixture.js';

const parse = (text: string) => parseGenotype(text, ballPython, 'genotype');

/** The genotypes within one outcome class, with their odds within it. */
function genotypesOf(prediction: Prediction, name: string): [string, string][] {
  const outcome = prediction.outcomes.find((candidate) => candidate.name === name);
  if (!outcome) throw new Error(`no outcome named ${name}`);
  return outcome.genotypes.map(({ notation, probability }) => [notation, probability.toString()]);
}

/** Outcome name → exact fraction, in the order returned. */
function outcomes(sire: string, dam: string): [string, string][] {
  return predictOffspring(parse(sire), parse(dam)).outcomes.map(({ name, probability }) => [name, probability.toString()]);
}

describe('predictOffspring: recessive genes', () => {
  it('normal × normal gives normal', () => {
    expect(outcomes('Normal', 'Normal')).toEqual([['Normal', '1']]);
  });

  it('visual × normal gives all hets; het × normal gives 50% possible hets', () => {
    expect(outcomes('Clown', 'Normal')).toEqual([['Het Clown', '1']]);
    expect(outcomes('Het Clown', 'Normal')).toEqual([['50% Het Clown', '1']]);
  });

  it('het × het gives 1/4 visual and 3/4 normal-looking 66% possible hets', () => {
    expect(outcomes('Het Clown', 'Het Clown')).toEqual([
      ['66% Het Clown', '3/4'],
      ['Clown', '1/4'],
    ]);
  });

  it('visual × het and visual × visual', () => {
    expect(outcomes('Clown', 'Het Clown')).toEqual([
      ['Clown', '1/2'],
      ['Het Clown', '1/2'],
    ]);
    expect(outcomes('Clown', 'Clown')).toEqual([['Clown', '1']]);
  });

  it('combines possible hets by probability: 66% × 66% possible hets give 1/9 visuals', () => {
    // Each parent passes the gene with 2/3 × 1/2 = 1/3: visual 1/9, het 4/9, normal 4/9;
    // so the 8/9 that look normal are het with odds (4/9) / (8/9) = 1/2.
    expect(outcomes('66% Het Clown', '66% Het Clown')).toEqual([
      ['50% Het Clown', '8/9'],
      ['Clown', '1/9'],
    ]);
    expect(outcomes('66% Het Clown', 'Normal')).toEqual([['33% Het Clown', '1']]);
    expect(outcomes('50% Het Albino', 'Albino')).toEqual([
      ['Het Albino', '3/4'],
      ['Albino', '1/4'],
    ]);
    expect(outcomes('66% Het Clown', 'Het Clown')).toEqual([
      ['60% Het Clown', '5/6'],
      ['Clown', '1/6'],
    ]);
  });
});

describe('predictOffspring: incomplete dominant genes', () => {
  it('one copy shows, two show the super form', () => {
    expect(outcomes('Pastel', 'Pastel')).toEqual([
      ['Pastel', '1/2'],
      ['Normal', '1/4'],
      ['Super Pastel', '1/4'],
    ]);
    expect(outcomes('Yellow Belly', 'Yellow Belly')).toContainEqual(['Ivory', '1/4']);
    expect(outcomes('Fire', 'Fire')).toContainEqual(['Black Eyed Lucy', '1/4']);
    expect(outcomes('Super Pastel', 'Normal')).toEqual([['Pastel', '1']]);
    expect(outcomes('Super Pastel', 'Pastel')).toEqual([
      ['Pastel', '1/2'],
      ['Super Pastel', '1/2'],
    ]);
  });
});

describe('predictOffspring: dominant genes', () => {
  it('two copies look like one: one class, whose genotypes keep their odds', () => {
    const prediction = predictOffspring(parse('Pinstripe'), parse('Pinstripe'));
    expect(prediction.outcomes.map(({ name, phenotype, probability }) => [name, phenotype, probability.toString()])).toEqual([
      ['Pinstripe', 'Pinstripe', '3/4'],
      ['Normal', 'Normal', '1/4'],
    ]);
    expect(genotypesOf(prediction, 'Pinstripe')).toEqual([
      ['Pinstripe', '2/3'],
      ['Super Pinstripe', '1/3'],
    ]);
    expect(prediction.lethalForms).toEqual([]);
  });

  it('drops a lethal super and re-normalises: Spider × Spider gives 2/3 Spider and 1/3 Normal', () => {
    const prediction = predictOffspring(parse('Spider'), parse('Spider'));
    expect(prediction.outcomes.map(({ name, probability }) => [name, probability.toString()])).toEqual([
      ['Spider', '2/3'],
      ['Normal', '1/3'],
    ]);
    expect(prediction.lethalForms).toEqual(['Super Spider']);
    expect(prediction.lethalProbability.toString()).toBe('1/4');
    expect(outcomes('Spider', 'Normal')).toEqual([
      ['Normal', '1/2'],
      ['Spider', '1/2'],
    ]);
  });

  it('re-normalises lethal loci independently of the others', () => {
    expect(outcomes('Pastel Spider', 'Spider')).toEqual([
      ['Pastel Spider', '1/3'],
      ['Spider', '1/3'],
      ['Normal', '1/6'],
      ['Pastel', '1/6'],
    ]);
    const twoLethal = predictOffspring(parse('Spider Champagne'), parse('Spider Champagne'));
    expect(twoLethal.lethalForms).toEqual(['Super Champagne', 'Super Spider']);
    expect(twoLethal.lethalProbability.toString()).toBe('7/16');
    expect(twoLethal.outcomes.find(({ name }) => name === 'Champagne Spider')?.probability.toString()).toBe('4/9');
  });
});

describe('predictOffspring: allelic genes (the BEL complex)', () => {
  it('Lesser × Mojave gives 1/4 Blue-Eyed Leucistic', () => {
    const prediction = predictOffspring(parse('Lesser'), parse('Mojave'));
    expect(prediction.outcomes.map(({ name, phenotype, probability }) => [name, phenotype, probability.toString()])).toEqual([
      ['Blue-Eyed Leucistic', 'Blue-Eyed Leucistic', '1/4'],
      ['Lesser', 'Lesser', '1/4'],
      ['Mojave', 'Mojave', '1/4'],
      ['Normal', 'Normal', '1/4'],
    ]);
    expect(genotypesOf(prediction, 'Blue-Eyed Leucistic')).toEqual([['Lesser Mojave', '1']]);
  });

  it('a super BEL allele passes one copy to every offspring', () => {
    expect(outcomes('Super Lesser', 'Normal')).toEqual([['Lesser', '1']]);
    const superBySuper = predictOffspring(parse('Super Lesser'), parse('Super Mojave'));
    expect(superBySuper.outcomes.map(({ name, probability }) => [name, probability.toString()])).toEqual([['Blue-Eyed Leucistic', '1']]);
    expect(genotypesOf(superBySuper, 'Blue-Eyed Leucistic')).toEqual([['Lesser Mojave', '1']]);
    expect(genotypesOf(predictOffspring(parse('Lesser'), parse('Lesser')), 'Blue-Eyed Leucistic')).toEqual([['Super Lesser', '1']]);
  });

  it('a BEL passes one of its two alleles; look-alike genotypes share a class', () => {
    expect(outcomes('Lesser Mojave', 'Normal')).toEqual([
      ['Lesser', '1/2'],
      ['Mojave', '1/2'],
    ]);
    const withButter = predictOffspring(parse('Lesser Mojave'), parse('Butter'));
    expect(withButter.outcomes.map(({ name, probability }) => [name, probability.toString()])).toEqual([
      ['Blue-Eyed Leucistic', '1/2'],
      ['Lesser', '1/4'],
      ['Mojave', '1/4'],
    ]);
    expect(genotypesOf(withButter, 'Blue-Eyed Leucistic')).toEqual([
      ['Butter Lesser', '1/2'],
      ['Butter Mojave', '1/2'],
    ]);
    const belByBel = predictOffspring(parse('Lesser Mojave'), parse('Lesser Mojave'));
    expect(belByBel.outcomes.map(({ name, probability }) => [name, probability.toString()])).toEqual([['Blue-Eyed Leucistic', '1']]);
    expect(genotypesOf(belByBel, 'Blue-Eyed Leucistic')).toEqual([
      ['Lesser Mojave', '1/2'],
      ['Super Lesser', '1/4'],
      ['Super Mojave', '1/4'],
    ]);
  });

  it('keeps hets in every genotype of a look-alike class', () => {
    const prediction = predictOffspring(parse('Lesser Mojave Het Clown'), parse('Lesser Het Clown'));
    expect(prediction.outcomes.find(({ name }) => name === 'Blue-Eyed Leucistic 66% Het Clown')?.probability.toString()).toBe('3/8');
    expect(genotypesOf(prediction, 'Blue-Eyed Leucistic 66% Het Clown')).toEqual([
      ['Lesser Mojave 66% Het Clown', '1/2'],
      ['Super Lesser 66% Het Clown', '1/2'],
    ]);
  });
});

describe('predictOffspring: several genes at once (hand-derived Punnett squares)', () => {
  it('Pastel Het Clown × Het Clown', () => {
    // Pastel: 1/2 Pastel, 1/2 normal. Clown: 1/4 visual, 3/4 normal-looking 66% het.
    expect(outcomes('Pastel Het Clown', 'Het Clown')).toEqual([
      ['66% Het Clown', '3/8'],
      ['Pastel 66% Het Clown', '3/8'],
      ['Clown', '1/8'],
      ['Pastel Clown', '1/8'],
    ]);
  });

  it('Pastel Het Clown × Enchi Het Clown: eight classes', () => {
    expect(outcomes('Pastel Het Clown', 'Enchi Het Clown')).toEqual([
      ['66% Het Clown', '3/16'],
      ['Enchi 66% Het Clown', '3/16'],
      ['Enchi Pastel 66% Het Clown', '3/16'],
      ['Pastel 66% Het Clown', '3/16'],
      ['Clown', '1/16'],
      ['Enchi Clown', '1/16'],
      ['Enchi Pastel Clown', '1/16'],
      ['Pastel Clown', '1/16'],
    ]);
  });

  it('Double Het Clown Piebald × Double Het Clown Piebald', () => {
    expect(outcomes('Double Het Clown Piebald', 'Double Het Clown Piebald')).toEqual([
      ['66% Het Clown 66% Het Piebald', '9/16'],
      ['Clown 66% Het Piebald', '3/16'],
      ['Piebald 66% Het Clown', '3/16'],
      ['Clown Piebald', '1/16'],
    ]);
  });

  it('Clown 66% Het Piebald × Het Clown Piebald', () => {
    // Clown: visual × het → 1/2 Clown, 1/2 Het Clown. Piebald: the sire passes it with 1/3, the
    // dam always: 1/3 visual, 2/3 Het Piebald.
    expect(outcomes('Clown 66% Het Piebald', 'Piebald Het Clown')).toEqual([
      ['Clown Het Piebald', '1/3'],
      ['Double Het Clown Piebald', '1/3'],
      ['Clown Piebald', '1/6'],
      ['Piebald Het Clown', '1/6'],
    ]);
  });

  it('Super Pastel Enchi × Lesser Het Clown', () => {
    expect(outcomes('Super Pastel Enchi', 'Lesser Het Clown')).toEqual([
      ['Enchi Lesser Pastel 50% Het Clown', '1/4'],
      ['Enchi Pastel 50% Het Clown', '1/4'],
      ['Lesser Pastel 50% Het Clown', '1/4'],
      ['Pastel 50% Het Clown', '1/4'],
    ]);
  });

  it('sums to exactly 1 for every pairing of a varied herd', () => {
    const herd = [
      'Normal',
      'Pastel Het Clown',
      'Clown 66% Het Piebald',
      'Super Pastel Enchi',
      'Double Het Clown Piebald',
      '50% Het Albino',
      'Lesser',
      'Lesser Mojave Spider',
      'Spider Yellow Belly 33% Het Clown',
      'Ivory Champagne Het Albino',
      'Super Lesser Pinstripe Het Hypo',
    ];
    for (const sire of herd) {
      for (const dam of herd) {
        const { outcomes: all } = predictOffspring(parse(sire), parse(dam));
        expect(sum(all.map(({ probability }) => probability)).isOne(), `${sire} × ${dam}`).toBe(true);
        expect(new Set(all.map(({ name }) => name)).size).toBe(all.length);
      }
    }
  });

  it('refuses a pairing with more outcome classes than a breeder could read', () => {
    const many = 'Pastel Enchi Cinnamon Black Pastel Fire Yellow Belly Orange Dream Leopard GHI Mahogany';
    expect(() => predictOffspring(parse(many), parse(many))).toThrow(`more than ${MAX_OUTCOMES} offspring genotypes`);
  });
});
