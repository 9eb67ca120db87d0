import { describe, expect, it } from 'vitest';
import { MAX_DESCENDANTS } from '../../../subgraphs/animal/src/modules/lineage/lineage-service.js';
import { MAX_PAIRS_PER_REQUEST } from '../../../subgraphs/animal/src/modules/inbreeding/inbreeding-service.js';
import { MAX_OUTCOMES } from '../../../subgraphs/animal/src/modules/morphs/offspring-calculator.js';
import { MAX_PEDIGREE_NODES_PER_REQUEST } from '../../../subgraphs/animal/src/modules/pedigree/pedigree-service.js';
import { MAX_PEDIGREE_GENERATIONS, MAX_PEDIGREE_POSITIONS } from '../../../subgraphs/animal/src/modules/pedigree/pedigree-structure.js';
import { gatewayPolicyFrom } from '../policy.js';
import { ANIMAL_CAPS } from './field-costs.js';
import { genesIn } from './genotype-genes.js';

// The gateway prices fields by the subgraph's caps without depending on its code at run time.
describe('the caps the cost table mirrors', () => {
  it('are the animal subgraph’s own', () => {
    expect(ANIMAL_CAPS).toMatchObject({
      maxPedigreePositions: MAX_PEDIGREE_POSITIONS,
      maxPedigreeGenerations: MAX_PEDIGREE_GENERATIONS,
      maxDescendants: MAX_DESCENDANTS,
      maxOffspringGenotypes: MAX_OUTCOMES,
    });
  });

  it('make the per-request caps of the subgraph the default budget, so the gateway refuses first', () => {
    const { budget } = gatewayPolicyFrom();
    expect(budget.maxPedigreeNodes).toBe(MAX_PEDIGREE_NODES_PER_REQUEST);
    expect(budget.maxPairs).toBe(MAX_PAIRS_PER_REQUEST);
  });
});

describe('genesIn', () => {
  it('counts every word of a genotype that is not a marker or odds', () => {
    expect(genesIn('Normal')).toBe(0);
    expect(genesIn('Pastel Het Clown')).toBe(2);
    expect(genesIn('Clown 66% Het Piebald')).toBe(2);
    expect(genesIn('Double Het Clown, Piebald and 50 % poss het Hypo')).toBe(3);
    expect(genesIn('Super Pastel Enchi')).toBe(2);
  });

  it('overestimates a gene of two words, never underestimates', () => {
    expect(genesIn('Yellow Belly')).toBe(2);
  });
});
