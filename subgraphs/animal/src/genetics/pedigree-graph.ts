/** Animals as dense indices 0..n-1; sire[i] / dam[i] is the parent's index, or -1 when unknown. Any order. */
export interface PedigreeGraph {
  readonly sire: Int32Array;
  readonly dam: Int32Array;
}

/**
 * The same pedigree renumbered so that parents come before their offspring ("ordered"), with the
 * links that would close a cycle (corrupt data) removed. `order[k]` is the original index of the
 * animal at position k; `position[i]` is the position of original animal i; `sire`/`dam` hold positions.
 */
export interface OrderedPedigree {
  readonly size: number;
  readonly order: Int32Array;
  readonly position: Int32Array;
  readonly sire: Int32Array;
  readonly dam: Int32Array;
}

const orderedCache = new WeakMap<PedigreeGraph, OrderedPedigree>();

/** Checks the arrays' shape; a parent index outside 0..n-1 is a caller's bug, not data to guess about. */
export function assertPedigreeGraph(graph: PedigreeGraph): void {
  const n = graph.sire.length;
  if (graph.dam.length !== n) throw new RangeError(`sire has ${n} entries but dam has ${graph.dam.length}`);
  for (let i = 0; i < n; i++) {
    const s = graph.sire[i];
    const d = graph.dam[i];
    if (s < -1 || s >= n) throw new RangeError(`sire[${i}] = ${s} is not an animal index or -1`);
    if (d < -1 || d >= n) throw new RangeError(`dam[${i}] = ${d} is not an animal index or -1`);
  }
}

export function assertAnimal(graph: PedigreeGraph, animal: number, name: string): void {
  if (!Number.isInteger(animal) || animal < 0 || animal >= graph.sire.length) {
    throw new RangeError(`${name} = ${animal} is not an animal index`);
  }
}

/**
 * Orders the pedigree parents-first by an iterative depth-first search from every animal in index order.
 * A parent link that points to an animal still on the search path would close a cycle; it is dropped
 * (treated as an unknown parent), so corrupt data never hangs or throws. Linear in the number of animals.
 * Memoised per graph object: treat a graph as immutable once it has been passed in.
 */
export function orderPedigree(graph: PedigreeGraph): OrderedPedigree {
  const cached = orderedCache.get(graph);
  if (cached) return cached;
  assertPedigreeGraph(graph);
  const n = graph.sire.length;
  const sire = Int32Array.from(graph.sire);
  const dam = Int32Array.from(graph.dam);
  // 0 = unvisited, 1 = on the search path, 2 = placed.
  const state = new Uint8Array(n);
  const order = new Int32Array(n);
  const position = new Int32Array(n);
  const stack = new Int32Array(n);
  // Which parent of the animal on the stack to try next: 0 sire, 1 dam, 2 done.
  const next = new Uint8Array(n);
  let placed = 0;
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    let top = 0;
    stack[0] = root;
    state[root] = 1;
    while (top >= 0) {
      const animal = stack[top];
      const step = next[animal];
      if (step === 2) {
        state[animal] = 2;
        position[animal] = placed;
        order[placed++] = animal;
        top--;
        continue;
      }
      next[animal] = step + 1;
      const parents = step === 0 ? sire : dam;
      const parent = parents[animal];
      if (parent < 0) continue;
      if (state[parent] === 1)
        parents[animal] = -1; // closes a cycle
      else if (state[parent] === 0) {
        state[parent] = 1;
        stack[++top] = parent;
      }
    }
  }
  const orderedSire = new Int32Array(n);
  const orderedDam = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const animal = order[k];
    orderedSire[k] = sire[animal] < 0 ? -1 : position[sire[animal]];
    orderedDam[k] = dam[animal] < 0 ? -1 : position[dam[animal]];
  }
  const ordered: OrderedPedigree = { size: n, order, position, sire: orderedSire, dam: orderedDam };
  orderedCache.set(graph, ordered);
  return ordered;
}
