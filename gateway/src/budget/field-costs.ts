import { genesIn } from './genotype-genes.js';

/**
 * The animal subgraph's own caps, mirrored: the gateway must price a field by the most it can do
 * before a subgraph has run. field-costs.test.ts checks them against the subgraph's constants.
 */
export const ANIMAL_CAPS = {
  /** pedigree-structure.ts: a pedigree of more known ancestor positions is refused. */
  maxPedigreePositions: 16_384,
  maxPedigreeGenerations: 30,
  /** lineage-service.ts: the most descendants one `descendants` field returns. */
  maxDescendants: 10_000,
  /** offspring-calculator.ts: past this many offspring genotypes a prediction is refused. */
  maxOffspringGenotypes: 4_096,
  /** genotype.ts: the most genes one genotype may name (an animal's stored one included). */
  maxGenesPerGenotype: 24,
  /** clutch eggCount: 1 to 250, so at most 250 hatchlings. */
  maxHatchlings: 250,
} as const;

/** A list whose length nothing bounds up front (measurements, events, genes): priced as this many. */
export const DEFAULT_LIST_SIZE = 10;

/**
 * What one offspring genotype costs in the calculator, in units of one object resolved: a 7 × 7
 * gene prediction (2,187 genotypes) takes about 200 ms on one core, roughly 10 times what
 * listing 2,187 pedigree nodes does.
 */
const OFFSPRING_GENOTYPE_COST = 10;
/** A kinship or pairing preview: one share of the request's ancestor walk and Wright's path terms. */
const PAIR_COST = 100;

export interface CostContext {
  /** The field's arguments, schema defaults applied and variables substituted. */
  args: Record<string, unknown>;
  /** The arguments of the field this one is selected in (e.g. `pedigree(generations)` for `nodes`). */
  parentArgs: Record<string, unknown>;
}

export interface FieldCost {
  /** Work of the field itself per parent instance; default: 1 per object returned, 0 for leaves. */
  cost?: (context: CostContext) => number;
  /** Items a list field returns per parent instance; its children are counted that many times. */
  size?: (context: CostContext) => number;
  /** Each item is a pedigree position (the per-operation node budget). */
  pedigreeNodes?: boolean;
  /** Counts against the per-operation kinship and pairing preview budget. */
  pair?: boolean;
}

/**
 * Per-field prices, by schema coordinate. Fields not listed cost 1 per object they return and
 * nothing for a leaf; a list is priced by its `first` (or the `first` of the connection it is the
 * edges of), else by DEFAULT_LIST_SIZE.
 */
export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = {
  // One level of the request's batched ancestor walk per generation.
  'Animal.pedigree': { cost: ({ args }) => generationsOf(args.generations) },
  // Up to 2^(g+1) − 2 positions per root; past MAX known positions the subgraph refuses, and each
  // known position lists at most its two parents.
  'Pedigree.nodes': {
    size: ({ parentArgs }) => Math.min(2 ** (generationsOf(parentArgs.generations) + 1) - 2, 2 * ANIMAL_CAPS.maxPedigreePositions),
    pedigreeNodes: true,
  },
  'Animal.descendants': { size: () => ANIMAL_CAPS.maxDescendants },
  // Not capped by the subgraph: a founder's offspring are its first generation of descendants.
  'Animal.offspring': { size: () => ANIMAL_CAPS.maxDescendants },
  'Clutch.hatchlings': { size: () => ANIMAL_CAPS.maxHatchlings },
  'Query.animalsByExternalId': { size: ({ args }) => (Array.isArray(args.externalIds) ? args.externalIds.length : DEFAULT_LIST_SIZE) },
  'Query.predictOffspring': { cost: ({ args }) => OFFSPRING_GENOTYPE_COST * offspringGenotypes(args) },
  'OffspringPrediction.outcomes': { size: ({ parentArgs }) => offspringGenotypes(parentArgs) },
  'Query.kinship': { cost: () => PAIR_COST, pair: true },
  'Query.pairingPreview': { cost: () => PAIR_COST, pair: true },
};

/** Out-of-range values are refused by the subgraph; priced as the nearest valid one. */
function generationsOf(value: unknown): number {
  const generations = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : ANIMAL_CAPS.maxPedigreeGenerations;
  return Math.min(Math.max(generations, 1), ANIMAL_CAPS.maxPedigreeGenerations);
}

/**
 * Each gene on either side at most doubles the genotypes (a locus shared by both sides gives 3 or
 * 4, not 4 × 2), so 2^(sire's genes + dam's genes) bounds them, as the subgraph's cap does.
 * An animal's genes are not known before its genotype is read: it is priced at the cap.
 */
function offspringGenotypes(args: Record<string, unknown>): number {
  const genes = genesOfInput(args.sire) + genesOfInput(args.dam);
  return Math.min(2 ** genes, ANIMAL_CAPS.maxOffspringGenotypes);
}

function genesOfInput(input: unknown): number {
  const genotype = (input as { genotype?: unknown } | null | undefined)?.genotype;
  if (typeof genotype !== 'string') return ANIMAL_CAPS.maxGenesPerGenotype;
  return Math.min(genesIn(genotype), ANIMAL_CAPS.maxGenesPerGenotype);
}
