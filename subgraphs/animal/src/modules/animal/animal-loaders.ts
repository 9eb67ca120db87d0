import type DataLoader from 'dataloader';
import { isUuid, type TenantDb, type TenantScope, measuredLoader } from '@studbook/platform';
import type { AnimalRow } from './animal-row.js';
import { findAnimalsByIds, findNamedAncestors } from './animal-store.js';
import { logGrantedReads } from '../project-access/grant-reads.js';
import { lineageOnlyAnimal, lineageRootOf } from './lineage-only.js';

export interface NamedAncestorKey {
  /** A visible animal (or, for a lineage-only one, the visible animal it was named through). */
  via: string;
  id: string;
}

export interface AnimalLoaders {
  /** Visible animals by id; null for unknown or invisible ones. */
  animalById: DataLoader<string, AnimalRow | null>;
  /** Another organisation's lineage-only animal, named because it stands in the lineage of `via`; null otherwise. */
  namedAncestor: DataLoader<NamedAncestorKey, AnimalRow | null, string>;
}

export interface AnimalLoaderDeps {
  db: TenantDb;
  scope: TenantScope | null;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createAnimalLoaders({ db, scope }: AnimalLoaderDeps): AnimalLoaders {
  return {
    animalById: measuredLoader('animal.animalById', async (ids) => {
      const valid = ids.filter(isUuid);
      if (!scope || valid.length === 0) return ids.map(() => null);
      const rows = await db.read(scope, (tx) => findAnimalsByIds(tx, valid));
      await logGrantedReads(db, scope, rows);
      const byId = new Map(rows.map((row) => [row.id, row]));
      // PostgreSQL returns ids in lowercase; an uppercase key must still find its row.
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    // One walk for the whole batch: an animal named in the lineage of any of the batch's visible animals may be named to this caller.
    namedAncestor: measuredLoader(
      'animal.namedAncestor',
      async (keys) => {
        const valid = keys.filter((key) => isUuid(key.id) && isUuid(key.via));
        if (!scope || valid.length === 0) return keys.map(() => null);
        const vias = [...new Set(valid.map((key) => key.via.toLowerCase()))];
        const ids = [...new Set(valid.map((key) => key.id.toLowerCase()))];
        const rows = await db.read(scope, (tx) => findNamedAncestors(tx, vias, ids));
        const byId = new Map(rows.map((row) => [row.id, row]));
        return keys.map((key) => {
          const named = byId.get(key.id.toLowerCase());
          return named ? lineageOnlyAnimal(named, key.via) : null;
        });
      },
      { cacheKeyFn: (key) => `${key.via}:${key.id}` },
    ),
  };
}

/**
 * Ancestors of `children` by id, as the caller may see them: their own or public ones in full, other
 * organisations' lineage-only ones by name only, null for the rest (private to another organisation).
 */
export async function loadAncestors(loaders: AnimalLoaders, children: readonly AnimalRow[], ids: readonly string[]): Promise<(AnimalRow | null)[]> {
  const rows = (await loaders.animalById.loadMany(ids)).map((row) => (row instanceof Error ? null : row));
  const missing = ids.filter((_, i) => !rows[i]);
  if (missing.length === 0) return rows;
  const vias = [...new Set(children.map(lineageRootOf))];
  const keys = missing.flatMap((id) => vias.map((via) => ({ via, id })));
  const named = new Map<string, AnimalRow>();
  (await loaders.namedAncestor.loadMany(keys)).forEach((row, i) => {
    if (row && !(row instanceof Error) && !named.has(keys[i].id)) named.set(keys[i].id, row);
  });
  return rows.map((row, i) => row ?? named.get(ids[i]) ?? null);
}
