/** Sorting and the visibility filter of the collection, applied to the page the API returned (it pages newest first). */
export type SortKey = 'newest' | 'name' | 'hatchDate' | 'inbreeding';

export interface CollectionRow {
  name: string;
  hatchDate?: string | null;
  visibility: string;
  /** Null for an animal the caller sees only as named in a lineage. */
  inbreedingCoefficient: number | null;
}

export function arrangeRows<T extends CollectionRow>(rows: readonly T[], sort: SortKey, visibility: string): T[] {
  const shown = visibility === 'ANY' ? [...rows] : rows.filter((row) => row.visibility === visibility);
  switch (sort) {
    case 'name':
      return shown.sort((a, b) => a.name.localeCompare(b.name));
    case 'hatchDate':
      // Unknown hatch dates last.
      return shown.sort((a, b) => (a.hatchDate ?? '9999').localeCompare(b.hatchDate ?? '9999'));
    case 'inbreeding':
      return shown.sort((a, b) => (b.inbreedingCoefficient ?? -1) - (a.inbreedingCoefficient ?? -1));
    default:
      return shown;
  }
}

/** F as breeders read it: a percentage with enough digits to tell 0 from 0.1 %. */
export function formatInbreeding(f: number | null): string {
  if (f === null) return '—';
  if (f === 0) return '0 %';
  return `${(f * 100).toFixed(f < 0.01 ? 2 : 1)} %`;
}
