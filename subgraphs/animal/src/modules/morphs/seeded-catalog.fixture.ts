import { readFileSync } from 'node:fs';
import { GeneCatalog, type GeneRow, type SpeciesGenes } from './gene-catalog.js';

/**
 * The gene catalog exactly as the migration seeds it, read from the migration's SQL, so unit
 * tests exercise the real catalog without a database.
 */
const MIGRATION = new URL('../../../../../drizzle/animal/migrations/0007_gene-catalog.sql', import.meta.url);
const ROW = /^\s*\('([^']+)', '([^']+)', '(\w+)', '\{([^}]*)\}', (NULL|'[^']*'), (true|false), '([^']+)', (NULL|'[^']*')\)/;

const text = (value: string) => (value === 'NULL' ? null : value.slice(1, -1));

function seededRows(): GeneRow[] {
  const lines = readFileSync(MIGRATION, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith("  ('"));
  const matches = lines.map((line) => ROW.exec(line));
  const unread = lines.filter((_, i) => !matches[i]);
  if (unread.length > 0) throw new Error(`Cannot read these gene rows of the migration: ${unread.join('\n')}`);
  return matches
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, speciesId, name, inheritance, aliases, superName, lethalSuper, locus, compoundPhenotype]) => ({
      speciesId,
      name,
      inheritance: inheritance as GeneRow['inheritance'],
      aliases: aliases ? aliases.split(',') : [],
      superName: text(superName),
      lethalSuper: lethalSuper === 'true',
      locus,
      compoundPhenotype: text(compoundPhenotype),
    }));
}

// Maturity thresholds play no part in the gene catalog.
const AGES = { juvenileFromDays: 90, subadultFromDays: 365, adultFromDays: 730 };
const SPECIES = [
  { id: 'ball-python', commonName: 'Ball python', scientificName: 'Python regius', ...AGES },
  { id: 'leopard-gecko', commonName: 'Leopard gecko', scientificName: 'Eublepharis macularius', ...AGES },
  { id: 'sheep', commonName: 'Sheep', scientificName: 'Ovis aries', ...AGES },
];

export const seededCatalog = GeneCatalog.of(SPECIES, seededRows());
export const ballPython: SpeciesGenes = seededCatalog.forSpecies(SPECIES[0]);
export const sheep: SpeciesGenes = seededCatalog.forSpecies(SPECIES[2]);
