import { createHash } from 'node:crypto';
import type { AnimalRow } from '../animal/animal-row.js';
import type { SpeciesCatalog } from '../animal/species-catalog.js';
import type { InbreedingService } from '../inbreeding/inbreeding-service.js';
import type { MorphsService } from '../morphs/morphs-service.js';
import type { PedigreeService } from '../pedigree/pedigree-service.js';

/** What a certificate states, exactly as printed and as the verification page shows it. */
export interface CertificateFacts {
  subject: { name: string; species: string; sex: AnimalRow['sex']; hatchDate: string | null; genotype: string | null };
  ownerOrganizationId: string;
  generations: number;
  inbreedingCoefficient: number;
  completeness: number;
  /** Every position to the certified generation, parents first; name null where unknown or hidden from the issuer. */
  ancestors: { position: string; generation: number; name: string | null; genotype: string | null }[];
}

export interface CertificateFactsDeps {
  pedigrees: PedigreeService;
  inbreeding: InbreedingService;
  morphs: MorphsService;
  species: SpeciesCatalog;
}

/**
 * The facts of an animal's certificate as one caller sees them: pedigree redaction applies (another
 * organisation's private ancestor, and all behind it, has no name), genotypes only where visible.
 */
export async function certificateFacts(deps: CertificateFactsDeps, animal: AnimalRow, generations: number): Promise<CertificateFacts> {
  const pedigree = await deps.pedigrees.pedigree(animal, generations);
  const genotypeOf = async (row: AnimalRow | null) => (row ? ((await deps.morphs.genotypeOf(row))?.notation ?? null) : null);
  const [inbreedingCoefficient, subjectGenotype, ancestorGenotypes] = await Promise.all([
    deps.inbreeding.coefficientOf(animal),
    genotypeOf(animal),
    Promise.all(pedigree.nodes.map((node) => genotypeOf(node.animal))),
  ]);
  // The subject came through RLS, so the caller sees it whole: only a lineage-only row has no F.
  if (inbreedingCoefficient === null) throw new Error('a certificate subject must be an animal the caller can see');
  return {
    subject: {
      name: animal.name,
      species: deps.species.byId(animal.speciesId)?.commonName ?? animal.speciesId,
      sex: animal.sex,
      hatchDate: animal.hatchDate ?? null,
      genotype: subjectGenotype,
    },
    ownerOrganizationId: animal.tenantId,
    generations: pedigree.generations,
    // Rounded as printed, so a recomputation's last-digit noise is not a "change".
    inbreedingCoefficient: round(inbreedingCoefficient),
    completeness: round(pedigree.completeness),
    ancestors: pedigree.nodes.map((node, i) => ({
      position: node.position,
      generation: node.generation,
      name: node.animal?.name ?? null,
      genotype: ancestorGenotypes[i],
    })),
  };
}

/** SHA-256 of the facts in one canonical form (keys in a fixed order, as built above), hex. */
export function factsHash(facts: CertificateFacts): string {
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
