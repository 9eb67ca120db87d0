import { describe, expect, it } from 'vitest';
import {
  completenessOfSlots,
  completenessOfStructure,
  MAX_PEDIGREE_POSITIONS,
  membersOf,
  parseStructure,
  pedigreeSlots,
  serializeStructure,
  structureFor,
  visibleNodes,
  walkOf,
} from './pedigree-structure.js';

// x = s × d; s = ss × (unknown); d = (unknown) × dd.
const walk = walkOf([
  { id: 'x', sireId: 's', damId: 'd' },
  { id: 's', sireId: 'ss', damId: null },
  { id: 'd', sireId: null, damId: 'dd' },
  { id: 'ss', sireId: null, damId: null },
  { id: 'dd', sireId: null, damId: null },
]);

describe('pedigree slots', () => {
  it('lists positions generation by generation, a missing parent once as null', () => {
    const slots = pedigreeSlots(structureFor('x', walk, 3), 'x', 3);
    expect(slots).toEqual([
      { position: 'S', animalId: 's' },
      { position: 'D', animalId: 'd' },
      { position: 'SS', animalId: 'ss' },
      { position: 'SD', animalId: null },
      { position: 'DS', animalId: null },
      { position: 'DD', animalId: 'dd' },
      { position: 'SSS', animalId: null },
      { position: 'SSD', animalId: null },
      { position: 'DDS', animalId: null },
      { position: 'DDD', animalId: null },
    ]);
  });

  it('gives MacCluer completeness: both sides half known in generation 2', () => {
    const slots = pedigreeSlots(structureFor('x', walk, 2), 'x', 2);
    // Each side: (1 + 1/2) / 2 = 0.75; harmonic combination of equal sides is the same value.
    expect(completenessOfSlots(slots, 2)).toBeCloseTo(0.75, 15);
  });

  it('gives the same completeness from the structure graph, with no positions spelt out', () => {
    for (const generations of [1, 2, 3, 5]) {
      const structure = structureFor('x', walk, generations);
      expect(completenessOfStructure(structure, 'x', generations)).toBeCloseTo(completenessOfSlots(pedigreeSlots(structure, 'x', generations), generations), 15);
    }
    // Both parents of everyone known through a loop: 20 full generations (a million positions) are complete.
    const full = walkOf([
      { id: 'a', sireId: 'b', damId: 'c' },
      { id: 'b', sireId: 'a', damId: 'c' },
      { id: 'c', sireId: 'a', damId: 'b' },
    ]);
    expect(completenessOfStructure(structureFor('a', full, 20), 'a', 20)).toBeCloseTo(1, 12);
    expect(completenessOfStructure({ depth: 3, parents: new Map() }, 'x', 3)).toBe(0);
  });

  it('stops at the generation limit on looped data', () => {
    const loop = walkOf([
      { id: 'a', sireId: 'b', damId: null },
      { id: 'b', sireId: 'a', damId: null },
    ]);
    const slots = pedigreeSlots(structureFor('a', loop, 30), 'a', 30);
    expect(slots.filter((s) => s.animalId)).toHaveLength(30);
    expect(slots.at(-2)).toEqual({ position: 'S'.repeat(30), animalId: 'a' });
  });

  it('refuses a pedigree with more known positions than the cap', () => {
    // Two animals that are each other's both parents: every position is known.
    const dense = walkOf([
      { id: 'a', sireId: 'b', damId: 'b' },
      { id: 'b', sireId: 'a', damId: 'a' },
    ]);
    const generations = Math.ceil(Math.log2(MAX_PEDIGREE_POSITIONS)) + 1;
    expect(() => pedigreeSlots(structureFor('a', dense, generations), 'a', generations)).toThrow(/ask for fewer generations/);
  });
});

describe('structures', () => {
  it('cut one root out of a shared walk, to the requested depth', () => {
    const structure = structureFor('s', walk, 1);
    expect([...structure.parents.keys()]).toEqual(['s']);
    expect(membersOf(structure).sort()).toEqual(['s', 'ss']);
    expect(membersOf(structureFor('x', walk, 3)).sort()).toEqual(['d', 'dd', 's', 'ss', 'x']);
  });

  it('survive serialisation', () => {
    const structure = structureFor('x', walk, 3);
    expect(parseStructure(serializeStructure(structure))).toEqual(structure);
  });
});

describe('visible nodes', () => {
  it('lists a hidden ancestor without its animal and nothing behind it', () => {
    const slots = pedigreeSlots(structureFor('x', walk, 3), 'x', 3);
    const nodes = visibleNodes(slots, 'X', (id) => (id === 's' ? null : id.toUpperCase()));
    expect(nodes.map((n) => [n.position, n.animal])).toEqual([
      ['S', null],
      ['D', 'D'],
      ['DS', null],
      ['DD', 'DD'],
      ['DDS', null],
      ['DDD', null],
    ]);
  });
});
