import { badInput } from '@studbook/platform';
import { pedigreeCompleteness, pedigreeCompletenessOf } from '../../genetics/completeness.js';
import { denseLineage, type LineageRow } from '../../genetics/lineage-graph.js';

/** The hard cap on `generations`: a deeper request is refused rather than walked. */
export const MAX_PEDIGREE_GENERATIONS = 30;
/** Beyond this many known ancestor positions a pedigree is refused: ten full generations are 2,046. */
export const MAX_PEDIGREE_POSITIONS = 16_384;

/**
 * The lineage of one root up to `depth` generations: the parents of every animal within depth − 1
 * of it. Ids only, the same for whoever asks, so it can be cached and shared between instances.
 */
export interface PedigreeStructure {
  depth: number;
  parents: Map<string, readonly [string | null, string | null]>;
}

/** One position of a pedigree: S, D, SD, ...; animalId null where the parent is not recorded. */
export interface PedigreeSlot {
  position: string;
  animalId: string | null;
}

/** Cuts one root's structure out of a walk that served many roots. */
export function structureFor(root: string, walk: ReadonlyMap<string, readonly [string | null, string | null]>, depth: number): PedigreeStructure {
  const parents = new Map<string, readonly [string | null, string | null]>();
  let frontier = [root];
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (parents.has(id)) continue;
      const pair = walk.get(id);
      if (!pair) continue;
      parents.set(id, pair);
      for (const parent of pair) if (parent) next.push(parent);
    }
    frontier = next;
  }
  return { depth, parents };
}

export function walkOf(rows: readonly LineageRow[]): Map<string, readonly [string | null, string | null]> {
  return new Map(rows.map((row) => [row.id, [row.sireId, row.damId] as const]));
}

/** Every animal the structure names, parents of the last walked generation included: the trees to evict when one changes. */
export function membersOf(structure: PedigreeStructure): string[] {
  const members = new Set<string>();
  for (const [id, pair] of structure.parents) {
    members.add(id);
    for (const parent of pair) if (parent) members.add(parent);
  }
  return [...members];
}

export function serializeStructure(structure: PedigreeStructure): string {
  return JSON.stringify({ d: structure.depth, p: [...structure.parents].map(([id, [s, d]]) => [id, s, d]) });
}

export function parseStructure(text: string): PedigreeStructure {
  const { d, p } = JSON.parse(text) as { d: number; p: [string, string | null, string | null][] };
  return { depth: d, parents: new Map(p.map(([id, s, m]) => [id, [s, m] as const])) };
}

/**
 * Positions up to `generations` back, generation by generation. A recorded parent's position holds
 * its id; a missing one is listed once with null and not followed. Corrupt data with a loop only
 * repeats ids up to the generation limit.
 */
export function pedigreeSlots(structure: PedigreeStructure, root: string, generations: number): PedigreeSlot[] {
  const slots: PedigreeSlot[] = [];
  let frontier: PedigreeSlot[] = [{ position: '', animalId: root }];
  let known = 0;
  for (let generation = 1; generation <= generations && frontier.length > 0; generation++) {
    const next: PedigreeSlot[] = [];
    for (const child of frontier) {
      const pair = structure.parents.get(child.animalId!) ?? [null, null];
      pair.forEach((parentId, side) => {
        const slot = { position: child.position + (side === 0 ? 'S' : 'D'), animalId: parentId };
        slots.push(slot);
        if (parentId) next.push(slot);
      });
    }
    known += next.length;
    if (known > MAX_PEDIGREE_POSITIONS) {
      throw badInput(`This pedigree has more than ${MAX_PEDIGREE_POSITIONS} known ancestors within ${generations} generations; ask for fewer generations`, 'generations');
    }
    frontier = next;
  }
  return slots;
}

export function completenessOfSlots(slots: readonly PedigreeSlot[], generations: number): number {
  return pedigreeCompleteness(new Set(slots.filter((slot) => slot.animalId).map((slot) => slot.position)), generations);
}

/**
 * The completeness index of `root` over `generations` straight from the structure's graph: linear in
 * generations × distinct ancestors, so it needs no position cap (20 full generations are a million positions).
 */
export function completenessOfStructure(structure: PedigreeStructure, root: string, generations: number): number {
  if (!structure.parents.has(root)) return 0;
  const rows: LineageRow[] = [];
  for (const [id, [sireId, damId]] of structure.parents) rows.push({ id, sireId, damId });
  // Ancestors of the last walked generation are named as parents only: give them a row without parents.
  for (const id of membersOf(structure)) if (!structure.parents.has(id)) rows.push({ id, sireId: null, damId: null });
  const { graph, index } = denseLineage(rows);
  return pedigreeCompletenessOf(graph, index.get(root)!, generations);
}

export interface ShownNode<A> {
  position: string;
  generation: number;
  animal: A | null;
}

/**
 * The nodes the caller may see: a position is listed when its child is a visible animal (the root
 * always is); its animal is null when unknown or not visible, and nothing behind it is listed, so a
 * private ancestor's own ancestry is not revealed either.
 */
export function visibleNodes<A>(slots: readonly PedigreeSlot[], root: A, visible: (id: string) => A | null): ShownNode<A>[] {
  const shown = new Map<string, A | null>([['', root]]);
  const nodes: ShownNode<A>[] = [];
  for (const slot of slots) {
    if (!shown.get(slot.position.slice(0, -1))) continue;
    const animal = slot.animalId ? visible(slot.animalId) : null;
    shown.set(slot.position, animal);
    nodes.push({ position: slot.position, generation: slot.position.length, animal });
  }
  return nodes;
}
