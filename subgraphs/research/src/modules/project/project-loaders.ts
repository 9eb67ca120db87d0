import type DataLoader from 'dataloader';
import { isUuid, measuredLoader, type TenantDb, type TenantScope, type Tx } from '@studbook/platform';
import * as store from './project-store.js';
import type { FindingRow, GrantRow, MemberRow, ProjectRow, PublicationRow } from './project-store.js';

export interface ProjectLoaders {
  /** Projects the caller can see, by id; null for the rest. */
  projectById: DataLoader<string, ProjectRow | null>;
  membersByProjectId: DataLoader<string, MemberRow[]>;
  findingsByProjectId: DataLoader<string, FindingRow[]>;
  publicationsByProjectId: DataLoader<string, PublicationRow[]>;
  grantsByProjectId: DataLoader<string, GrantRow[]>;
  /** How many animals a farm or group grant covers now; 0 for a grant of another organisation (its set is hidden). */
  coveredCountByGrantId: DataLoader<string, number>;
}

/** Built fresh for every request, so nothing cached outlives a removed membership or a revoked grant. */
export function createProjectLoaders({ db, scope }: { db: TenantDb; scope: TenantScope | null }): ProjectLoaders {
  const grouped = <Row extends { projectId: string }>(name: string, find: (tx: Tx, ids: readonly string[]) => Promise<Row[]>) =>
    measuredLoader<string, Row[]>(name, async (ids) => {
      if (!scope) return ids.map(() => []);
      const rows = await db.read(scope, (tx) => find(tx, ids));
      const byProject = new Map<string, Row[]>();
      for (const row of rows) byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row]);
      return ids.map((id) => byProject.get(id) ?? []);
    });
  return {
    projectById: measuredLoader<string, ProjectRow | null>('research.projectById', async (ids) => {
      const valid = ids.filter(isUuid);
      if (!scope || valid.length === 0) return ids.map(() => null);
      const rows = await db.read(scope, (tx) => store.findProjectsByIds(tx, valid));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    membersByProjectId: grouped('research.projectMembers', store.findMembers),
    findingsByProjectId: grouped('research.projectFindings', store.findFindings),
    publicationsByProjectId: grouped('research.projectPublications', store.findPublications),
    grantsByProjectId: grouped('research.projectGrants', store.findActiveGrants),
    coveredCountByGrantId: measuredLoader<string, number>('research.projectGrantCoverage', async (ids) => {
      if (!scope) return ids.map(() => 0);
      const counts = await db.read(scope, (tx) => store.countGrantAnimals(tx, ids));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  };
}
