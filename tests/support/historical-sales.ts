import { asAdmin } from './postgres.js';

export interface HistoricalSale {
  listingId: string;
  buyerOrganizationId: string;
  /** What was agreed, in the listing's currency: the listing's asking price when reserved. */
  price: number;
  /** When the seller confirmed payment: the month market statistics count the sale in. */
  completedAt: Date;
}

const DAY_MS = 86_400_000;

/**
 * Historical data: a sale of this listing that COMPLETED in the past, written straight into
 * commerce's real `sales` table because the API cannot backdate one (reserveListing,
 * acceptReservation and completeSale stamp the database's clock). The row is what the sale module
 * leaves behind: the seller (tenant_id), animal and currency taken from the listing, the states it
 * went through in its history (reserved two days and accepted one day before completion), the
 * animal as sold from the listing's copy of its facts; the listing is SOLD, with the
 * listing.updated event a buyer's step writes (studbook_listing_changed), so search follows. No
 * sale.completed event: the animal does not move. Use it only for what reads past sales
 * (market statistics); make current sales through the API (tests/marketplace/sale-events.ts).
 */
export async function recordHistoricalSale(sale: HistoricalSale): Promise<string> {
  const completedAt = sale.completedAt.getTime();
  const [reservedAt, acceptedAt, at] = [completedAt - 2 * DAY_MS, completedAt - DAY_MS, completedAt].map((ms) => new Date(ms).toISOString());
  const rows = await asAdmin<{ id: string }>(
    'commerce',
    `with sold as (
       update listings set status = 'SOLD', reserved_until = null, revision = revision + 1, updated_at = now()
       where id = $1 returning tenant_id, id, animal_id, currency, animal_name, species_name, sex, genes_one, genes_two
     )
     insert into sales (tenant_id, buyer_organization_id, listing_id, animal_id, price, currency, state, expires_at, history, sold_animal, completed_at, created_at, updated_at)
     select s.tenant_id, $2, s.id, s.animal_id, $3, s.currency, 'COMPLETED', $4::timestamptz + interval '48 hours',
            jsonb_build_array(
              jsonb_build_object('state', 'RESERVED', 'at', $4::text),
              jsonb_build_object('state', 'ACCEPTED', 'at', $5::text),
              jsonb_build_object('state', 'TRANSFER_PENDING', 'at', $6::text),
              jsonb_build_object('state', 'COMPLETED', 'at', $6::text)),
            jsonb_build_object('name', s.animal_name, 'speciesName', s.species_name, 'sex', s.sex, 'genesOne', s.genes_one, 'genesTwo', s.genes_two),
            $6::timestamptz, $4::timestamptz, $6::timestamptz
     from sold s
     returning id`,
    [sale.listingId, sale.buyerOrganizationId, sale.price, reservedAt, acceptedAt, at],
  );
  if (rows.length !== 1) throw new Error(`no listing ${sale.listingId} to record a historical sale of`);
  await asAdmin('commerce', 'select studbook_listing_changed($1)', [sale.listingId]);
  return rows[0].id;
}
