import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../../../../tests/support/rejection.js';
import { formatGenotype, genotypeView, phenotypeOf } from './genotype-format.js';
import { parseGenotype } from './genotype-parser.js';
import { fromStored, toStored } from './genotype.js';
import { ballPython, sheep } from './seeded-catalog.fixture.js';

const parse = (text: string) => parseGenotype(text, ballPython, 'genotype');
const notation = (text: string) => formatGenotype(parse(text));

function summary(text: string) {
  const view = genotypeView(parse(text));
  return {
    visual: view.visual.map(({ name, copies }) => `${name}:${copies}`),
    hets: view.hets.map(({ gene }) => gene.name),
    possibleHets: view.possibleHets.map(({ gene, fraction, label }) => `${gene.name} ${fraction} ${label}`),
  };
}

describe('parseGenotype reads what breeders write', () => {
  it('reads visual genes, hets and possible hets', () => {
    expect(summary('Pastel Het Clown')).toEqual({ visual: ['Pastel:1'], hets: ['Clown'], possibleHets: [] });
    expect(summary('Clown 66% Het Piebald')).toEqual({ visual: ['Clown:2'], hets: [], possibleHets: ['Piebald 2/3 66%'] });
    expect(summary('Super Pastel Enchi')).toEqual({ visual: ['Enchi:1', 'Super Pastel:2'], hets: [], possibleHets: [] });
    expect(summary('Double Het Clown Piebald')).toEqual({ visual: [], hets: ['Clown', 'Piebald'], possibleHets: [] });
    expect(summary('50% Het Albino')).toEqual({ visual: [], hets: [], possibleHets: ['Albino 1/2 50%'] });
    expect(summary('Lesser')).toEqual({ visual: ['Lesser:1'], hets: [], possibleHets: [] });
    expect(summary('Normal')).toEqual({ visual: [], hets: [], possibleHets: [] });
  });

  it('accepts case, hyphens, aliases, super names and the usual variants', () => {
    expect(notation('pastel het CLOWN')).toBe('Pastel Het Clown');
    expect(notation('Ivory')).toBe('Ivory');
    expect(notation('Super Yellow Belly')).toBe('Ivory');
    expect(notation('Black-Eyed Lucy')).toBe('Black Eyed Lucy');
    expect(notation('Homozygous Pinstripe')).toBe('Super Pinstripe');
    expect(notation('YB Pied')).toBe('Yellow Belly Piebald');
    expect(notation('Ghost')).toBe('Hypo');
    expect(notation('Desert Ghost')).toBe('Desert Ghost');
    expect(notation('Coral Glow')).toBe('Banana');
    expect(notation('66% pos het Clown')).toBe('66% Het Clown');
    expect(notation('67% Het Clown')).toBe('66% Het Clown');
    expect(notation('100% Het Clown')).toBe('Het Clown');
    expect(notation('Normal Het Clown')).toBe('Het Clown');
    expect(notation('Het Clown Piebald')).toBe('Double Het Clown Piebald');
    expect(notation('Het Clown, Pastel')).toBe('Pastel Het Clown');
    expect(notation('Pastel / Enchi + Het Clown & Pied.')).toBe('Enchi Pastel Double Het Clown Piebald');
    expect(notation('Pastel and 12.5% het Clown')).toBe('Pastel 13% Het Clown');
    expect(notation('Mojave Lesser')).toBe('Lesser Mojave');
    expect(notation('Triple Het Albino Clown Piebald')).toBe('Triple Het Albino Clown Piebald');
  });

  it('names a Blue-Eyed Leucistic by its alleles and shows the compound phenotype', () => {
    expect(phenotypeOf(parse('Lesser Mojave'))).toBe('Blue-Eyed Leucistic');
    expect(phenotypeOf(parse('Super Lesser'))).toBe('Blue-Eyed Leucistic');
    expect(phenotypeOf(parse('Super Lesser Pastel Het Clown'))).toBe('Blue-Eyed Leucistic Pastel');
    expect(phenotypeOf(parse('Super Pinstripe'))).toBe('Pinstripe');
    expect(phenotypeOf(parse('Pastel Het Clown'))).toBe('Pastel');
    expect(phenotypeOf(parse('Het Clown'))).toBe('Normal');
  });

  it.each([
    'Pastel Het Clown',
    'Clown 66% Het Piebald',
    'Enchi Super Pastel',
    'Double Het Clown Piebald',
    'Triple Het Albino Clown Piebald',
    '50% Het Albino',
    'Lesser Mojave',
    'Super Lesser',
    'Ivory Spider Het Clown 66% Het Piebald 50% Het Albino',
    'Normal',
    '33% Het Clown',
  ])('round-trips %s through the formatter and the stored form', (text) => {
    const genotype = parse(text);
    expect(parse(formatGenotype(genotype))).toEqual(genotype);
    expect(fromStored(JSON.parse(JSON.stringify(toStored(genotype))), ballPython)).toEqual(genotype);
  });

  it.each([
    ['Pastel Bananna Het Clown', 'Unknown gene "Bananna" for Ball python'],
    ['Het Lemon Blast', 'Unknown gene "Lemon Blast" for Ball python'],
    ['Lesser Mojave Butter', 'An animal carries at most two BEL alleles, not Lesser, Mojave and Butter'],
    ['Super Lesser Mojave', 'An animal carries at most two BEL alleles, not Super Lesser and Mojave'],
    ['Super Spider', 'Super Spider is lethal: no living animal carries two copies of Spider'],
    ['Het Pastel', 'Pastel shows in one copy, so an animal cannot be het for it'],
    ['Super Clown', 'Clown is recessive: a visual one is written "Clown"'],
    ['Double Het Clown', '"Double Het" needs exactly 2 recessive genes'],
    ['66% Clown', '"66%" must be followed by "Het", e.g. "66% Het Clown"'],
    ['Possible Het Clown', 'Write the odds of a possible het, e.g. "66% Het Clown"'],
    ['Pastel Het', '"Het" must be followed by a recessive gene, e.g. "Het Clown"'],
    ['Pastel Pastel', 'Pastel is written twice'],
    ['Clown Het Clown', 'Clown is written twice'],
    ['Blue-Eyed Leucistic', '"Blue-Eyed Leucistic" does not say which BEL alleles the animal has: write them, e.g. "Butter Lesser" or "Super Butter"'],
    ['150% Het Clown', '"150%" is not odds of a het: use 1% to 100%'],
    ['', 'Write a genotype, e.g. "Pastel Het Clown", or "Normal"'],
    ['Super', '"Super" must be followed by a gene, e.g. "Super Pastel"'],
  ])('rejects %j with a clear error', (text, message) => {
    expect(() => parse(text)).toThrow(message);
    expect(rejectionOf(() => parse(text))).toEqual({ code: 'BAD_USER_INPUT', field: 'genotype' });
  });

  it('prints odds that are not thirds or whole percents rounded, keeping the exact fraction', () => {
    const [het] = genotypeView(parse('12.5% Het Clown')).possibleHets;
    expect([het.label, het.fraction, het.probability]).toEqual(['13%', '1/8', 0.125]);
  });

  it('knows genes per species', () => {
    expect(() => parseGenotype('Pastel', sheep, 'genotype')).toThrow('Unknown gene "Pastel" for Sheep');
    expect(formatGenotype(parseGenotype('Normal', sheep, 'genotype'))).toBe('Normal');
  });
});
