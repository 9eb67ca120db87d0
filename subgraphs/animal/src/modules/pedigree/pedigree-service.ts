import { badInput } from '@studbook/platform';
import { loadAncestors, type AnimalLoaders } from '../animal/animal-loaders.js';
import type { AnimalRow } from '../animal/animal-row.js';
import { isLineageOnly } from '../animal/lineage-only.js';
import { validGenerations } from '../lineage/lineage-input.js';
import type { PedigreeLoaders } from './pedigree-loaders.js';
import { completenessOfStructure, MAX_PEDIGREE_GENERATIONS, pedigreeSlots, visibleNodes, type ShownNode } from './pedigree-structure.js';

export const DEFAULT_PEDIGREE_GENERATIONS = 4;
/** Pedigree positions one request may list across all its pedigrees (100 ten-generation pedigrees are 204,600). */
export const MAX_PEDIGREE_NODES_PER_REQUEST = 100_000;

export interface Pedigree {
  generations: number;
  nodes: ShownNode<AnimalRow>[];
  completeness: number;
}

export interface PedigreeServiceDeps {
  animalLoaders: AnimalLoaders;
  loaders: PedigreeLoaders;
}

/**
 * Pedigrees for one request. Every pedigree asked for in one pass of the query shares one
 * structure lookup (the structureOf loader) and one batch of animal details under the caller's
 * RLS, which also primes the loader that sire and dam resolve through.
 */
export class PedigreeService {
  private readonly inFlight = new Set<Promise<unknown>>();
  private nodesListed = 0;

  constructor(private readonly deps: PedigreeServiceDeps) {}

  /**
   * `withNodes` false (the query selects only completeness or generations): no position cap, no
   * node budget and no ancestor details; nodes is then empty.
   */
  pedigree(root: AnimalRow, generations: number | null | undefined, withNodes = true): Promise<Pedigree> {
    const depth = validGenerations(generations, MAX_PEDIGREE_GENERATIONS, DEFAULT_PEDIGREE_GENERATIONS);
    // A lineage-only animal's own ancestors are shown through its sire and dam, not as a pedigree of its own.
    if (isLineageOnly(root)) return Promise.resolve({ generations: depth, nodes: [], completeness: 0 });
    return this.track(this.build(root, depth, withNodes));
  }

  /**
   * A parent of `child` by id, through the request's loaders; waits for the pedigrees already being
   * loaded in this request, whose details batch usually holds it, so a nested sire/dam costs no statement.
   */
  async ancestor(id: string, child: AnimalRow): Promise<AnimalRow | null> {
    // Sibling fields' resolvers run in the same synchronous pass: let them register first.
    await Promise.resolve();
    if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    const [row] = await loadAncestors(this.deps.animalLoaders, [child], [id]);
    return row;
  }

  private async build(root: AnimalRow, generations: number, withNodes: boolean): Promise<Pedigree> {
    const structure = (await this.deps.loaders.structureOf.load({ root: root.id, depth: generations })) ?? { depth: generations, parents: new Map() };
    const completeness = completenessOfStructure(structure, root.id, generations);
    if (!withNodes) return { generations, nodes: [], completeness };
    const slots = pedigreeSlots(structure, root.id, generations);
    this.nodesListed += slots.length;
    if (this.nodesListed > MAX_PEDIGREE_NODES_PER_REQUEST) {
      throw badInput(`This request lists more than ${MAX_PEDIGREE_NODES_PER_REQUEST} pedigree nodes in all; ask for fewer animals or generations`, 'generations');
    }
    const ids = [...new Set(slots.flatMap((slot) => (slot.animalId ? [slot.animalId] : [])))];
    const rows = await loadAncestors(this.deps.animalLoaders, [root], ids);
    const visible = new Map<string, AnimalRow>();
    rows.forEach((row) => {
      if (row) visible.set(row.id, row);
    });
    return {
      generations,
      nodes: visibleNodes(slots, root, (id) => visible.get(id) ?? null),
      completeness,
    };
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }
}
