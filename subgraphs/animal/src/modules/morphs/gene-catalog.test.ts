import { describe, expect, it } from 'vitest';
import { GeneCatalog, type GeneRow } from './gene-catalog.js';
import { ballPython, seededCatalog } from './seeded-catalog.fixture.js';

const SPECIES = { id: 'test-snake', commonName: 'Test snake', scientificName: 'Serpens probandus', juvenileFromDays: 90, subadultFromDays: 365, adultFromDays: 730 };
const gene = (name: string, extra: Partial<GeneRow> = {}): GeneRow => ({
  speciesId: SPECIES.id,
  name,
  inheritance: 'INCOMPLETE_DOMINANT',
  aliases: [],
  superName: `Super ${name}`,
  lethalSuper: false,
  locus: name,
  compoundPhenotype: null,
  ...extra,
});

describe('the gene catalog', () => {
  it('finds genes by name, alias, super name and compound phenotype, case- and hyphen-insensitively', () => {
    expect(ballPython.phrase('pastel')).toMatchObject({ kind: 'gene', gene: { name: 'Pastel' } });
    expect(ballPython.phrase('GHOST')).toMatchObject({ kind: 'gene', gene: { name: 'Hypo' } });
    expect(ballPython.phrase('Black-Eyed Lucy')).toMatchObject({ kind: 'super', gene: { name: 'Fire' } });
    expect(ballPython.phrase('blue eyed leucistic')).toMatchObject({ kind: 'compound', locus: 'BEL' });
    expect(ballPython.phrase('Pastel Clown')).toBeUndefined();
    expect(ballPython.allelesOf('BEL').map(({ name }) => name)).toEqual(['Butter', 'Lesser', 'Mocha', 'Mojave', 'Mystic', 'Phantom', 'Russo', 'Special']);
  });

  it('gives a species without a catalog no genes', () => {
    expect(seededCatalog.forSpecies(SPECIES).genes).toEqual([]);
  });

  it('refuses a catalog where one word names two genes, or a locus mixes recessive and other alleles', () => {
    expect(() => GeneCatalog.of([SPECIES], [gene('Pastel'), gene('Cinnamon', { aliases: ['Pastel'] })])).toThrow('"Pastel" names two things');
    expect(() => GeneCatalog.of([SPECIES], [gene('Motley', { inheritance: 'RECESSIVE', superName: null, locus: 'M' }), gene('Tessera', { locus: 'M' })])).toThrow(
      'locus M mixes recessive alleles with others',
    );
  });
});
