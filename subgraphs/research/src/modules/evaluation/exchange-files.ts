import type { EvaluationPedigreeAnimal } from '@studbook/contracts/animal-directory';
import type { EvaluationRecord, FixedEffectName } from './evaluation-dataset.js';

export interface ExchangeFile {
  name: string;
  description: string;
  content: string;
}

const EFFECTS: readonly FixedEffectName[] = ['SEX', 'CONTEMPORARY_GROUP', 'BIRTH_YEAR', 'FARM'];

/**
 * The files BLUPF90 and R users expect. Animals are renumbered 1..n parents first (pedigreemm requires parents before
 * offspring; renumf90 writes the same order), every fixed effect's levels 1..k in name order; the key and levels files
 * map the numbers back. A number never encodes a Studbook id, so a hidden ancestor is only its pseudonym.
 */
export function exchangeFiles(
  pedigree: readonly EvaluationPedigreeAnimal[],
  records: readonly EvaluationRecord[],
  breedingValues: readonly { animalId: string; ebv: number; accuracy: number | null }[],
  trait: string,
): { files: ExchangeFile[]; animals: number; records: number } {
  const order = parentsFirst(pedigree);
  const number = new Map(order.map((animal, i) => [animal.id, i + 1]));
  const byId = new Map(pedigree.map((animal) => [animal.id, animal]));
  const kept = records.filter((record) => number.has(record.animalId));
  const levelOf = (effect: FixedEffectName, record: EvaluationRecord) => {
    const animal = byId.get(record.animalId)!;
    if (effect === 'SEX') return animal.sex ?? 'UNKNOWN';
    if (effect === 'BIRTH_YEAR') return animal.birthDate?.slice(0, 4) ?? 'none';
    if (effect === 'CONTEMPORARY_GROUP') return record.groupId ?? 'none';
    return record.farmId ?? 'none';
  };
  const codes = EFFECTS.map((effect) => {
    const names = [...new Set(kept.map((record) => levelOf(effect, record)))].sort();
    return new Map(names.map((name, i) => [name, i + 1]));
  });
  const code = (f: number, record: EvaluationRecord) => codes[f].get(levelOf(EFFECTS[f], record))!;
  const parentNumber = (id: string | null) => (id ? (number.get(id) ?? 0) : 0);
  const rParent = (id: string | null) => (id && number.has(id) ? id : 'NA');
  const lines = (rows: string[]) => `${rows.join('\n')}\n`;
  const files: ExchangeFile[] = [
    {
      name: 'pedigree.txt',
      description: 'BLUPF90 pedigree: animal sire dam, renumbered 1..n parents first, 0 = unknown; space-separated, no header',
      content: lines(order.map((animal) => `${number.get(animal.id)} ${parentNumber(animal.sire)} ${parentNumber(animal.dam)}`)),
    },
    {
      name: 'data.txt',
      description: `BLUPF90 data: animal sex contemporary_group birth_year farm ${trait}; levels coded 1..k (levels.csv); space-separated, no header`,
      content: lines(kept.map((record) => [number.get(record.animalId), ...EFFECTS.map((_, f) => code(f, record)), record.value].join(' '))),
    },
    {
      name: 'key.csv',
      description: 'number,id: the renumbered animal and its Studbook id (~n for an ancestor you may not see, valid in this export only)',
      content: lines(['number,id', ...order.map((animal) => `${number.get(animal.id)},${animal.id}`)]),
    },
    {
      name: 'levels.csv',
      description: 'effect,code,level: each fixed-effect code of data.txt and what it stands for (a group or farm id, a year, a sex)',
      content: lines(['effect,code,level', ...EFFECTS.flatMap((effect, f) => [...codes[f]].map(([name, c]) => `${effect},${c},${name}`))]),
    },
    {
      name: 'pedigree-r.csv',
      description: 'R pedigree (pedigreemm::pedigree, nadiv::makeAinv): id,sire,dam with NA for unknown, parents first',
      content: lines(['id,sire,dam', ...order.map((animal) => `${animal.id},${rParent(animal.sire)},${rParent(animal.dam)}`)]),
    },
    {
      name: 'data-r.csv',
      description: `R data: id,sex,contemporary_group,birth_year,farm,${trait}`,
      content: lines([
        `id,sex,contemporary_group,birth_year,farm,${trait}`,
        ...kept.map((record) => [record.animalId, ...EFFECTS.map((effect) => levelOf(effect, record)), record.value].join(',')),
      ]),
    },
    {
      name: 'ebv.csv',
      description: 'id,trait,ebv,accuracy of the latest successful evaluation (the layout importBreedingValues reads); empty before any',
      content: lines(['id,trait,ebv,accuracy', ...breedingValues.map((value) => `${value.animalId},${trait},${value.ebv},${value.accuracy ?? ''}`)]),
    },
  ];
  return { files, animals: order.length, records: kept.length };
}

/** Every animal after its parents, by depth-first search (the animal subgraph keeps lineage acyclic). */
function parentsFirst(pedigree: readonly EvaluationPedigreeAnimal[]): EvaluationPedigreeAnimal[] {
  const byId = new Map(pedigree.map((animal) => [animal.id, animal]));
  const placed = new Set<string>();
  const order: EvaluationPedigreeAnimal[] = [];
  const visit = (animal: EvaluationPedigreeAnimal) => {
    // Iterative depth-first: a deep pedigree must not exhaust the stack.
    const stack: [EvaluationPedigreeAnimal, boolean][] = [[animal, false]];
    while (stack.length > 0) {
      const [current, expanded] = stack.pop()!;
      if (placed.has(current.id)) continue;
      if (expanded) {
        placed.add(current.id);
        order.push(current);
        continue;
      }
      stack.push([current, true]);
      for (const parent of [current.dam, current.sire]) {
        const known = parent ? byId.get(parent) : undefined;
        if (known && !placed.has(known.id)) stack.push([known, false]);
      }
    }
  };
  for (const animal of pedigree) visit(animal);
  return order;
}
