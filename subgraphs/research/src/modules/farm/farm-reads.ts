import { sql, type SQL } from 'drizzle-orm';

/**
 * The animals whose current assignment (their latest, by `from`) is this farm, and this group when
 * one is given, among the assignments the transaction's organisation sees (its own: RLS), as a
 * subquery of one column `animal_id`: for other modules (a farm grant) to resolve "this farm's flock".
 * An assignment cannot start in the future (validFrom), so the latest one is where the animal is.
 */
export function animalsAssignedNow(farmId: string, groupId: string | null): SQL {
  return sql`
    select ever.animal_id from (select distinct animal_id from farm_assignments where farm_id = ${farmId}::uuid) ever
    cross join lateral (
      select latest.farm_id, latest.group_id from farm_assignments latest
      where latest.animal_id = ever.animal_id
      order by latest."from" desc, latest.created_at desc, latest.id desc limit 1
    ) now
    where now.farm_id = ${farmId}::uuid and (${groupId}::uuid is null or now.group_id = ${groupId}::uuid)`;
}

/** Where an animal is now (its latest assignment), as a subquery of `farm_id, group_id`: none when it was never assigned. */
export function placeOf(animalId: string): SQL {
  return sql`
    select farm_id, group_id from farm_assignments where animal_id = ${animalId}::uuid
    order by "from" desc, created_at desc, id desc limit 1`;
}
