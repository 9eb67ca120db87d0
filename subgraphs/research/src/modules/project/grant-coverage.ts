import { sql } from 'drizzle-orm';
import { appendEvent, type Tx } from '@studbook/platform';
import { GRANT_ANIMALS_PER_EVENT, projectGrantAnimalsChanged } from '@studbook/contracts/events';
import { animalsAssignedNow, placeOf } from '../farm/farm-reads.js';

/**
 * The animals a farm or group grant covers are the grant's set (project_grant_animals), kept here
 * with the assignments that change it and sent to the animal database, which knows no farms, as
 * projectGrant.animalsChanged in the same transaction (docs/research-projects.md#by-farm-or-group).
 *
 * Every change of a set first takes the organisation's coverage lock: a grant being created and an
 * assignment being recorded at the same moment then run one after the other, and the second reads
 * what the first committed (read committed: each statement sees the latest commits), so neither an
 * animal assigned in nor one assigned away is missed.
 */
async function lockCoverage(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('project-grant-coverage:' || studbook_current_tenant()::text, 0)) /* grant coverage lock */`);
}

/** Writes a new farm or group grant's set, the animals assigned to its farm (and group) now, and sends it. */
export async function coverAssignedAnimals(tx: Tx, grant: { id: string; projectId: string; farmId: string; groupId: string | null }): Promise<string[]> {
  await lockCoverage(tx);
  const result = await tx.execute<{ animal_id: string }>(sql`
    insert into project_grant_animals (grant_id, animal_id) /* grant coverage of a farm */
    select ${grant.id}::uuid, assigned.animal_id from (${animalsAssignedNow(grant.farmId, grant.groupId)}) assigned
    returning animal_id`);
  const added = result.rows.map((row) => row.animal_id);
  for (let i = 0; i < added.length; i += GRANT_ANIMALS_PER_EVENT) {
    await appendEvent(tx, projectGrantAnimalsChanged, {
      aggregateId: grant.id,
      payload: { id: grant.id, projectId: grant.projectId, added: added.slice(i, i + GRANT_ANIMALS_PER_EVENT), removed: [] },
    });
  }
  return added;
}

/**
 * After an animal's assignment changed: adds it to the organisation's farm and group grants in force
 * that cover where it is now, removes it from those that no longer do, and sends each change.
 */
export async function followAssignment(tx: Tx, animalId: string): Promise<void> {
  await lockCoverage(tx);
  const changes = await tx.execute<{ grant_id: string; project_id: string; added: boolean }>(sql`
    with place as (${placeOf(animalId)}), /* grant coverage of an assignment */
    grants as (
      select id, project_id, farm_id, group_id from project_grants
      where tenant_id = studbook_current_tenant() and farm_id is not null and revoked_at is null
    ),
    wanted as (select g.id from grants g join place p on p.farm_id = g.farm_id and (g.group_id is null or g.group_id = p.group_id)),
    held as (select grant_id from project_grant_animals where animal_id = ${animalId}::uuid and grant_id in (select id from grants)),
    added as (
      insert into project_grant_animals (grant_id, animal_id)
      select id, ${animalId}::uuid from wanted where id not in (select grant_id from held)
      returning grant_id
    ),
    removed as (
      delete from project_grant_animals
      where animal_id = ${animalId}::uuid and grant_id in (select grant_id from held) and grant_id not in (select id from wanted)
      returning grant_id
    )
    select c.grant_id, g.project_id, c.added from (
      select grant_id, true as added from added union all select grant_id, false from removed
    ) c join grants g on g.id = c.grant_id`);
  for (const change of changes.rows) {
    await appendEvent(tx, projectGrantAnimalsChanged, {
      aggregateId: change.grant_id,
      payload: { id: change.grant_id, projectId: change.project_id, added: change.added ? [animalId] : [], removed: change.added ? [] : [animalId] },
    });
  }
}
