import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantId, updatedAt } from '../shared/platform-tables.js';
import { animals, species } from './animal-tables.js';

export const geneInheritance = pgEnum('gene_inheritance', ['RECESSIVE', 'INCOMPLETE_DOMINANT', 'DOMINANT']);

/**
 * The morph gene catalog per species: reference data seeded by migrations, read-only to the service.
 * Genes sharing a `locus` are alleles of one another (the ball python BEL complex); any other gene's
 * locus is its own name.
 */
export const genes = pgTable(
  'genes',
  {
    speciesId: text('species_id')
      .notNull()
      .references(() => species.id),
    name: text('name').notNull(),
    inheritance: geneInheritance('inheritance').notNull(),
    /** Other names breeders write for the gene (Hypo: Ghost). */
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    /** The name of two copies (Super Pastel, Ivory); null for a recessive gene. */
    superName: text('super_name'),
    /** Two copies die in the egg or are too ill to breed (Spider): calculators leave them out. */
    lethalSuper: boolean('lethal_super').notNull().default(false),
    locus: text('locus').notNull(),
    /** What two alleles of this locus look like together, super included (Blue-Eyed Leucistic). */
    compoundPhenotype: text('compound_phenotype'),
  },
  (t) => [primaryKey({ columns: [t.speciesId, t.name] })],
);

/**
 * An animal's genotype in breeders' notation ("Pastel 66% Het Clown") and as structured genes.
 * One row per animal with a recorded genotype; no row reads as "Normal".
 */
export const animalGenotypes = pgTable('animal_genotypes', {
  animalId: uuid('animal_id')
    .primaryKey()
    .references(() => animals.id, { onDelete: 'cascade' }),
  // The audit trigger keys its rows by an `id` column; this one is the animal's id.
  id: uuid('id').notNull().generatedAlwaysAs(sql`animal_id`),
  tenantId: tenantId(),
  notation: text('notation').notNull(),
  /** [{ gene, copies: 1 | 2, probability?: "2/3" }], probability only for possible hets. */
  genes: jsonb('genes').notNull(),
  updatedAt: updatedAt(),
});
