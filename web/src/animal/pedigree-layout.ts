/**
 * Where each box of a pedigree chart goes. Positions are the API's: S and D are the parents, SD the
 * sire's dam, and so on; generation n sits in column n, and each ancestor is centred on the rows
 * of the leaves behind it, sires above dams, so every box lies between its two parents.
 */
export interface PedigreeEntry {
  position: string;
  generation: number;
  animal: { id: string; name: string } | null;
}

export interface PlacedBox {
  /** '' for the animal itself. */
  position: string;
  generation: number;
  x: number;
  y: number;
  /** Unknown, or another organisation's private animal: drawn as such, never named. */
  redacted: boolean;
  name: string;
  animalId?: string;
  /** The position of the child this box is a parent of, for the connecting line. */
  childPosition?: string;
}

export interface PedigreeLayout {
  boxes: PlacedBox[];
  width: number;
  height: number;
  boxWidth: number;
  boxHeight: number;
}

const COLUMN_WIDTH = 180;
const BOX_WIDTH = 160;

/** Height of one leaf row: roomy for a few generations, compact for ten. */
export function rowHeightFor(generations: number): number {
  if (generations <= 4) return 44;
  if (generations <= 6) return 24;
  return 16;
}

/** The position's index from the top within its generation: S before D at every step. */
export function positionIndex(position: string): number {
  let index = 0;
  for (const step of position) index = index * 2 + (step === 'D' ? 1 : 0);
  return index;
}

export function layoutPedigree(subject: { id: string; name: string }, entries: readonly PedigreeEntry[], requested: number): PedigreeLayout {
  // Nothing is listed behind an unknown or private ancestor: the chart is as deep as the deepest box, not as asked.
  const generations = Math.min(requested, Math.max(1, ...entries.map((entry) => entry.generation)));
  const rowHeight = rowHeightFor(generations);
  const leaves = 2 ** generations;
  const centre = (position: string) => {
    const span = 2 ** (generations - position.length);
    return (positionIndex(position) + 0.5) * span * rowHeight;
  };
  const boxes: PlacedBox[] = [{ position: '', generation: 0, x: 0, y: centre(''), redacted: false, name: subject.name, animalId: subject.id }];
  for (const entry of entries) {
    if (entry.generation > generations) continue;
    boxes.push({
      position: entry.position,
      generation: entry.generation,
      x: entry.generation * COLUMN_WIDTH,
      y: centre(entry.position),
      redacted: entry.animal === null,
      name: entry.animal?.name ?? 'Not shown',
      animalId: entry.animal?.id,
      childPosition: entry.position.slice(0, -1),
    });
  }
  return {
    boxes,
    width: (generations + 1) * COLUMN_WIDTH,
    height: leaves * rowHeight,
    boxWidth: BOX_WIDTH,
    boxHeight: Math.min(rowHeight * 2, 36) - 6,
  };
}
