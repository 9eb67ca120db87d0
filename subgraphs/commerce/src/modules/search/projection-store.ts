import { sql } from 'drizzle-orm';
import type { Tx } from '@studbook/platform';
import type { NewlyOnTheMarket } from './listing-matches.js';

const UNACCENT = sql.raw(`'extensions.unaccent'::regdictionary`);
const clean = (text: ReturnType<typeof sql>) => sql`extensions.unaccent(${UNACCENT}, ${text})`;

/**
 * Recomputes the search rows of these listings (the caller tenant's) from the listings themselves:
 * the projection is a function of each listing row, so applying it twice, late or out of order
 * changes nothing, and a row is only ever replaced by one of a higher revision. A listing that is not
 * on the market (not ACTIVE, or its animal no longer public, which withdraws it) keeps only its key
 * and revision: nothing of a non-public animal stays searchable. A RESERVED listing whose reservation
 * may still lapse keeps its facts with held_until, and is searchable again from then (read time).
 */
export async function projectListings(tx: Tx, listingIds: readonly string[]): Promise<number> {
  if (listingIds.length === 0) return 0;
  const on = sql.raw("(l.status = 'ACTIVE' or (l.status = 'RESERVED' and l.reserved_until is not null)) and l.visibility = 'PUBLIC'");
  const when = (value: ReturnType<typeof sql>) => sql`case when ${on} then ${value} end`;
  const genes = sql`array_to_string(l.genes_one || l.genes_two, ' ')`;
  const result = await tx.execute(sql`
    insert into listing_search as s (id, tenant_id, revision, searchable, animal_id, title, animal_name, species_name, sex, genes_one, genes_two,
      price, currency, ships_to, seller_country, seller_region, inbreeding, completeness, juvenile_from, subadult_from, adult_from,
      published_at, expires_at, held_until, document, search_text, projected_at)
    select l.id, l.tenant_id, l.revision, ${on}, ${when(sql`l.animal_id`)}, ${when(sql`l.title`)}, ${when(sql`l.animal_name`)}, ${when(sql`l.species_name`)},
      ${when(sql`l.sex`)}, ${when(sql`l.genes_one`)}, ${when(sql`l.genes_two`)}, ${when(sql`l.price`)}, ${when(sql`l.currency`)}, ${when(sql`l.ships_to`)},
      ${when(sql`l.seller_country`)}, ${when(sql`l.seller_region`)}, ${when(sql`l.inbreeding`)}, ${when(sql`l.completeness`)},
      ${when(sql`l.hatch_date + l.maturity_from_days[1]`)}, ${when(sql`l.hatch_date + l.maturity_from_days[2]`)}, ${when(sql`l.hatch_date + l.maturity_from_days[3]`)},
      ${when(sql`l.published_at`)},
      ${when(sql`l.expires_at`)}, ${when(sql`case when l.status = 'RESERVED' then l.reserved_until end`)},
      ${when(sql`setweight(to_tsvector('simple', ${clean(sql`l.title || ' ' || coalesce(l.animal_name, '')`)}), 'A')
        || setweight(to_tsvector('simple', ${clean(sql`${genes} || ' ' || coalesce(l.species_name, '')`)}), 'B')
        || setweight(to_tsvector('simple', ${clean(sql`l.description`)}), 'C')`)},
      ${when(sql`lower(${clean(sql`l.title || ' ' || coalesce(l.animal_name, '') || ' ' || ${genes} || ' ' || coalesce(l.species_name, '')`)})`)},
      now()
    from listings l
    where l.id = any(${sql.param([...listingIds])}::uuid[])
    on conflict (id) do update set
      revision = excluded.revision, searchable = excluded.searchable, animal_id = excluded.animal_id, title = excluded.title,
      animal_name = excluded.animal_name, species_name = excluded.species_name, sex = excluded.sex, genes_one = excluded.genes_one,
      genes_two = excluded.genes_two, price = excluded.price, currency = excluded.currency, ships_to = excluded.ships_to,
      seller_country = excluded.seller_country, seller_region = excluded.seller_region, inbreeding = excluded.inbreeding,
      completeness = excluded.completeness, juvenile_from = excluded.juvenile_from, subadult_from = excluded.subadult_from,
      adult_from = excluded.adult_from, published_at = excluded.published_at, expires_at = excluded.expires_at, held_until = excluded.held_until,
      document = excluded.document, search_text = excluded.search_text, projected_at = excluded.projected_at
    where s.revision < excluded.revision`);
  return result.rowCount ?? 0;
}

/**
 * projectListings, answering which of these listings went on the market in the projection by it:
 * their row was missing or off the market (a tombstone, or a reservation's hold) and is on it now.
 * What the catch-up pass tells saved searches, since their events never reached a projector.
 */
export async function projectListingsNewlyOnTheMarket(tx: Tx, listingIds: readonly string[]): Promise<NewlyOnTheMarket[]> {
  if (listingIds.length === 0) return [];
  const ids = sql.param([...listingIds]);
  const onTheMarket = sql.raw('s.searchable and s.held_until is null');
  const before = await tx.execute<{ id: string }>(sql`select s.id from listing_search s where s.id = any(${ids}::uuid[]) and ${onTheMarket}`);
  await projectListings(tx, listingIds);
  const after = await tx.execute<{ id: string; updated_at: Date | string }>(sql`
    select s.id, l.updated_at from listing_search s join listings l on l.id = s.id where s.id = any(${ids}::uuid[]) and ${onTheMarket}`);
  const already = new Set(before.rows.map((row) => row.id));
  return after.rows.filter((row) => !already.has(row.id)).map((row) => ({ listingId: row.id, writtenAt: new Date(row.updated_at) }));
}
