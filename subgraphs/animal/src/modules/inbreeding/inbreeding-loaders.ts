import type DataLoader from 'dataloader';
import { measuredLoader } from '@studbook/platform';
import type { TenantDb, TenantScope } from '@studbook/platform';
import type { DenseLineage } from '../../genetics/lineage-graph.js';
import type { LineageEngine } from '../lineage/lineage-engine.js';
import { findInbreeding } from './inbreeding-store.js';

export interface InbreedingLoaders {
  /** F of visible animals with a recorded parent, by id; 0 for an animal the caller cannot see. */
  coefficientOf: DataLoader<string, number>;
  /** One ancestor walk per batch: every kinship and pairing preview of one pass of the query share its graph. */
  ancestryOf: DataLoader<string, DenseLineage>;
}

export interface InbreedingLoaderDeps {
  db: TenantDb;
  scope: TenantScope | null;
  lineage: Pick<LineageEngine, 'ancestorGraph' | 'computeInbreeding'>;
}

/** Built fresh for every request, so nothing cached outlives the caller's permissions. */
export function createInbreedingLoaders({ db, scope, lineage }: InbreedingLoaderDeps): InbreedingLoaders {
  return {
    coefficientOf: measuredLoader('animal.coefficientOf', async (ids) => {
      if (!scope) return ids.map(() => 0);
      const values = await db.read(scope, async (tx) => {
        const stored = await findInbreeding(tx, ids);
        const missing = ids.filter((id) => !stored.has(id));
        // Animals recorded before lineage metrics existed, until the start-up backfill has reached them.
        // (Only animals with a parent are asked for: coefficientOf answers the others itself.)
        if (missing.length > 0) for (const [id, f] of await lineage.computeInbreeding(tx, missing)) stored.set(id, f);
        return stored;
      });
      return ids.map((id) => values.get(id) ?? 0);
    }),
    ancestryOf: measuredLoader('animal.ancestryOf', async (ids) => {
      const graph = await db.read(scope!, (tx) => lineage.ancestorGraph(tx, ids));
      return ids.map(() => graph);
    }),
  };
}
