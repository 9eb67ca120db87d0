import type pg from 'pg';
import type { genes } from '@studbook/drizzle/animal';
import type { SpeciesRow } from '../animal/species-catalog.js';

export type GeneRow = typeof genes.$inferSelect;

/** What a run of words names in breeders' notation: a gene, its two-copy form, or a compound phenotype. */
export type Phrase = { kind: 'gene'; gene: GeneRow } | { kind: 'super'; gene: GeneRow } | { kind: 'compound'; phenotype: string; locus: string };

/** Lowercase, hyphens and underscores as spaces, single spaces: "Blue-Eyed  Leucistic" → "blue eyed leucistic". */
export function normalizePhrase(text: string): string {
  return text.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** One species' genes and the words breeders use for them. */
export class SpeciesGenes {
  readonly genes: readonly GeneRow[];
  readonly longestPhrase: number;
  private readonly phrases = new Map<string, Phrase>();
  private readonly byLocus = new Map<string, GeneRow[]>();

  constructor(
    readonly species: SpeciesRow,
    genes: GeneRow[],
  ) {
    this.genes = [...genes].sort((a, b) => a.name.localeCompare(b.name));
    for (const gene of this.genes) {
      this.byLocus.set(gene.locus, [...(this.byLocus.get(gene.locus) ?? []), gene]);
      this.addPhrase(gene.name, { kind: 'gene', gene });
      for (const alias of gene.aliases) this.addPhrase(alias, { kind: 'gene', gene });
      if (gene.superName) this.addPhrase(gene.superName, { kind: 'super', gene });
      if (gene.compoundPhenotype) this.addPhrase(gene.compoundPhenotype, { kind: 'compound', phenotype: gene.compoundPhenotype, locus: gene.locus });
    }
    for (const [locus, alleles] of this.byLocus) {
      // The calculator hides recessive alleles as hets, which only makes sense for a locus of one gene.
      if (alleles.length > 1 && alleles.some((gene) => gene.inheritance === 'RECESSIVE')) {
        throw new Error(`Gene catalog for ${species.commonName}: locus ${locus} mixes recessive alleles with others`);
      }
    }
    this.longestPhrase = Math.max(1, ...[...this.phrases.keys()].map((phrase) => phrase.split(' ').length));
  }

  /** The phrase these exact words name, if any. */
  phrase(words: string): Phrase | undefined {
    return this.phrases.get(normalizePhrase(words));
  }

  byName(name: string): GeneRow | undefined {
    const phrase = this.phrase(name);
    return phrase?.kind === 'gene' ? phrase.gene : undefined;
  }

  allelesOf(locus: string): readonly GeneRow[] {
    return this.byLocus.get(locus) ?? [];
  }

  private addPhrase(text: string, phrase: Phrase): void {
    const key = normalizePhrase(text);
    const existing = this.phrases.get(key);
    if (existing && !(existing.kind === 'compound' && phrase.kind === 'compound')) {
      throw new Error(`Gene catalog for ${this.species.commonName}: "${text}" names two things`);
    }
    this.phrases.set(key, phrase);
  }
}

/**
 * The gene catalog is reference data that only migrations change, so it is read once at start
 * and served from memory, like the species catalog.
 */
export class GeneCatalog {
  private constructor(private readonly bySpecies: Map<string, SpeciesGenes>) {}

  static async load(pool: pg.Pool, species: readonly SpeciesRow[]): Promise<GeneCatalog> {
    const { rows } = await pool.query<GeneRow>(
      `select species_id as "speciesId", name, inheritance, aliases, super_name as "superName",
              lethal_super as "lethalSuper", locus, compound_phenotype as "compoundPhenotype"
       from genes`,
    );
    return GeneCatalog.of(species, rows);
  }

  static of(species: readonly SpeciesRow[], rows: readonly GeneRow[]): GeneCatalog {
    const bySpecies = new Map<string, SpeciesGenes>();
    for (const row of species) {
      bySpecies.set(
        row.id,
        new SpeciesGenes(
          row,
          rows.filter((gene) => gene.speciesId === row.id),
        ),
      );
    }
    return new GeneCatalog(bySpecies);
  }

  /** Every species has an entry, with no genes when the catalog has none for it. */
  forSpecies(species: SpeciesRow): SpeciesGenes {
    return this.bySpecies.get(species.id) ?? new SpeciesGenes(species, []);
  }
}
