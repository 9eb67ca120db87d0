import { externalIdProblem } from '../animal/animal-input.js';
import { clipText } from '@studbook/platform';
import type { HerdbookRow, RowError, Sex } from './herdbook-rows.js';

/** An animal the importing organisation already has, by its external id. */
export interface ExistingAnimal {
  id: string;
  externalId: string;
  sex: Sex;
  hatchDate: string | null;
  speciesId: string;
}

const ROLES = [
  { key: 'sire', label: 'Sire', sex: 'MALE' },
  { key: 'dam', label: 'Dam', sex: 'FEMALE' },
] as const;

const SEX_WORD: Record<Sex, string> = { MALE: 'male', FEMALE: 'female', UNKNOWN: 'of unknown sex' };

/**
 * Checks how a herdbook's rows relate to each other and to the organisation's animals: ids unique
 * in the file and new to the organisation; every parent known (a row of the file or an existing
 * animal), of the right sex and species and hatched before its offspring; no animal its own
 * ancestor (every row on a loop is reported). Errors come back ordered by line.
 */
export function checkPedigree(rows: readonly HerdbookRow[], existing: ReadonlyMap<string, ExistingAnimal>, speciesId: string): RowError[] {
  const errors: RowError[] = [];
  const byId = new Map<string, HerdbookRow>();
  for (const row of rows) {
    if (!row.id || externalIdProblem(row.id)) continue;
    const first = byId.get(row.id);
    if (first) errors.push({ line: row.line, message: `Duplicate id "${clipText(row.id)}": line ${first.line} has it too` });
    else byId.set(row.id, row);
    if (existing.has(row.id)) errors.push({ line: row.line, message: `id "${clipText(row.id)}" is already an animal of your organisation` });
  }

  for (const row of rows) {
    for (const role of ROLES) {
      const ref = row[role.key];
      if (!ref || externalIdProblem(ref)) continue;
      const name = `${role.label} "${clipText(ref)}"`;
      const inFile = byId.get(ref);
      const parent = inFile ?? existing.get(ref);
      if (!parent) {
        errors.push({ line: row.line, message: `${name} is neither a row of this file nor an animal of your organisation` });
        continue;
      }
      if (parent.sex && parent.sex !== role.sex) {
        errors.push({ line: row.line, message: `${name} is ${SEX_WORD[parent.sex]}; a ${role.key} must be ${SEX_WORD[role.sex]}` });
      }
      if (!inFile && (parent as ExistingAnimal).speciesId !== speciesId) {
        errors.push({ line: row.line, message: `${name} is an animal of another species` });
      }
      if (parent.hatchDate && row.hatchDate && parent.hatchDate >= row.hatchDate) {
        errors.push({ line: row.line, message: `${name} hatched on ${parent.hatchDate}, not before this animal (${row.hatchDate})` });
      }
    }
  }

  errors.push(...loopErrors([...byId.values()], byId));
  return errors.sort((a, b) => a.line - b.line);
}

/** Every row that is its own ancestor through parents in the file: the rows of each strongly connected component with a loop. */
function loopErrors(rows: readonly HerdbookRow[], byId: ReadonlyMap<string, HerdbookRow>): RowError[] {
  const indexOf = new Map(rows.map((row, i) => [row, i]));
  const parentIndex = (ref: string | null) => {
    const parent = ref ? byId.get(ref) : undefined;
    return parent ? indexOf.get(parent)! : -1;
  };
  const parents = rows.map((row) => [parentIndex(row.sire), parentIndex(row.dam)]);
  const errors: RowError[] = [];
  for (const component of stronglyConnected(parents)) {
    const selfLoop = component.length === 1 && parents[component[0]].includes(component[0]);
    if (component.length === 1 && !selfLoop) continue;
    const members = component.map((i) => rows[i]).sort((a, b) => a.line - b.line);
    const firstLines = members.slice(0, 7).map((row) => row.line);
    for (const row of members) {
      const through = members.length === 1 ? 'it is its own parent' : `loop through ${otherLines(firstLines, row.line, members.length - 1)}`;
      errors.push({ line: row.line, message: `"${clipText(row.id)}" would be its own ancestor (${through})` });
    }
  }
  return errors;
}

/** "line 7", "lines 3, 7" or "lines 3, 7, 9, 12, 15, 20 and 94 more": the loop's other rows, from the first seven of the loop. */
function otherLines(firstLines: readonly number[], own: number, othersCount: number): string {
  const shown = firstLines.filter((line) => line !== own).slice(0, 6);
  const more = othersCount - shown.length;
  return `line${othersCount > 1 ? 's' : ''} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * Tarjan's strongly connected components, iterative so that a 100,000-generation chain cannot
 * overflow the stack. `edges[v]` lists v's successors (-1 for none).
 */
export function stronglyConnected(edges: readonly (readonly number[])[]): number[][] {
  const n = edges.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  const frames: number[] = []; // pairs: vertex, next edge
  let counter = 0;

  const visit = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    frames.push(v, 0);
  };

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    visit(root);
    while (frames.length > 0) {
      const top = frames.length - 2;
      const v = frames[top];
      const e = frames[top + 1];
      if (e < edges[v].length) {
        frames[top + 1] = e + 1;
        const w = edges[v][e];
        if (w < 0) continue;
        if (index[w] === -1) visit(w);
        else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      frames.length = top;
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
      if (frames.length > 0) {
        const u = frames[frames.length - 2];
        low[u] = Math.min(low[u], low[v]);
      }
    }
  }
  return components;
}
